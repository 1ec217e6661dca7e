// Runs checker.batch.screen inside Pyodide under Node, loaded exactly as the 批量初审
// page's worker loads it (our lock, our wheels, the npm package's core).
//
// usage: node run_batch.mjs <pyodide core dir> <staged runtime dir>
//   stdin:  {"items": [["<name>", "<base64 content>"], ...], "pick": [<row index>, ...]}
//   stdout: {"python": "<sys.version>", "screen": "<screen JSON>", "ms": <screen ms>,
//            "summary_xlsx": "<base64>", "summary_docx": "<base64>", "comparison_csv": "<base64>"}
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { finish } from "../pyodide/stdlib_trace.mjs";

const [core_dir, runtime_dir] = process.argv.slice(2);
process.on("uncaughtException", (error) => {
  console.error(`run_batch: ${error && error.message ? error.message : error}`);
  process.exit(1);
});
const { loadPyodide } = await import(pathToFileURL(path.join(core_dir, "pyodide.mjs")).href);
const request = readFileSync(0, "utf8");
const pyodide = await loadPyodide({
  indexURL: path.resolve(core_dir) + path.sep,
  lockFileURL: path.resolve(runtime_dir, "pyodide-lock.json"),
  packageBaseUrl: path.resolve(runtime_dir, "wheels") + path.sep,
  stdout: (line) => console.error(line),
  stderr: (line) => console.error(line),
});
await pyodide.loadPackage(["cluster-checker", "openpyxl"], { messageCallback: () => {}, errorCallback: (l) => console.error(l) });
pyodide.globals.set("request_json", request);
const out = pyodide.runPython(`
import base64, json, sys, time
from checker.batch.screen import screen, screen_json
from checker.batch.export import comparison_csv, export_summary

request = json.loads(request_json)
items = [(name, base64.b64decode(data)) for name, data in request["items"]]
screen(items[:1])  # imports and caches, as once the page is ready
started = time.perf_counter()
text = screen_json(items)
ms = (time.perf_counter() - started) * 1000
result = json.loads(text)
picked = export_summary([result["rows"][i] for i in request["pick"]], bureau="局", bureau_contact="人")
b64 = lambda data: base64.b64encode(data).decode()
json.dumps({"python": sys.version, "screen": text, "ms": ms, "summary_xlsx": b64(picked.xlsx),
            "summary_docx": b64(picked.docx), "comparison_csv": b64(comparison_csv(result))})
`);
finish(pyodide);
process.stdout.write(out);
