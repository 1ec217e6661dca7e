// Runs the `checker` wheel inside Pyodide under Node, exactly as the browser's
// worker loads it (our lock, our wheels, the npm package's core), and answers a
// batch of inputs with the report JSON strings. The page loads the checker alone;
// here pydantic (the pinned wasm build of pydantic-core) is loaded too, and every
// report is also validated against its typed model in Pyodide (checker.judge.report).
//
// usage: node run_checker.mjs <pyodide core dir> <staged runtime dir>
//   stdin:  {"texts": {"<name>": "<input text>"}, "xlsx": {"<name>": "<base64>"},
//            "files": {"<name>": "<base64>"}, "html": {"<name>": "<clipboard html>"}}
//   (files and html answer the envelope of api.check_file_json / api.check_html_json,
//    whose "report" member is the report JSON string, validated like the others)
//   stdout: {"python": "<sys.version>", "reports": {"<name>": "<report json>"},
//            "errors": {"<name>": "<traceback>"}, "ms": {"<name>": <ms>},
//            "invalid": {"<name>": "<pydantic error>"}, "typed": <number of reports validated>}
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { finish } from "./stdlib_trace.mjs";

const [core_dir, runtime_dir] = process.argv.slice(2);
if (!core_dir || !runtime_dir) {
  console.error("usage: node run_checker.mjs <pyodide core dir> <staged runtime dir>");
  process.exit(2);
}
// Uncaught errors would make Node print the whole minified line of pyodide.asm.mjs.
process.on("uncaughtException", (error) => {
  console.error(`run_checker: ${error && error.message ? error.message : error}`);
  process.exit(1);
});
process.on("unhandledRejection", (error) => {
  console.error(`run_checker: ${error && error.message ? error.message : error}`);
  process.exit(1);
});
const { loadPyodide } = await import(pathToFileURL(path.join(core_dir, "pyodide.mjs")).href);
const request = JSON.parse(readFileSync(0, "utf8"));

const pyodide = await loadPyodide({
  indexURL: path.resolve(core_dir) + path.sep,
  lockFileURL: path.resolve(runtime_dir, "pyodide-lock.json"),
  packageBaseUrl: path.resolve(runtime_dir, "wheels") + path.sep,
  env: { PYDANTIC_DISABLE_PLUGINS: "__all__" }, // as the browser's worker does
  stdout: (line) => console.error(line),
  stderr: (line) => console.error(line),
});
const wanted = ["cluster-checker", "pydantic"];
if (Object.keys(request.xlsx || {}).length || Object.keys(request.files || {}).length) wanted.push("openpyxl");
await pyodide.loadPackage(wanted, { messageCallback: () => {}, errorCallback: (line) => console.error(line) });
for (const name of wanted) {
  if (!pyodide.loadedPackages[name]) {
    console.error(`package ${name} did not load`);
    process.exit(1);
  }
}
pyodide.runPython(`
import base64, sys, traceback
from checker import api

def run_text(text):
    return api.check_text_json(text)

def run_xlsx(data):
    return api.check_xlsx(base64.b64decode(data))

def run_file(data):
    return api.check_file_json(base64.b64decode(data), "")

def run_html(html):
    return api.check_html_json(html)

def invalid(report):
    from checker.judge.report import Report
    try:
        Report.model_validate_json(report)
    except Exception as error:
        return str(error)
    return None
`);
const out = { python: pyodide.runPython("sys.version"), reports: {}, errors: {}, ms: {}, invalid: {}, typed: 0 };
const invalid = pyodide.globals.get("invalid");
const run_text = pyodide.globals.get("run_text");
const run_xlsx = pyodide.globals.get("run_xlsx");
const run_file = pyodide.globals.get("run_file");
const run_html = pyodide.globals.get("run_html");
for (const [kind, fn] of [["texts", run_text], ["xlsx", run_xlsx], ["files", run_file], ["html", run_html]]) {
  for (const [name, value] of Object.entries(request[kind] || {})) {
    const started = performance.now();
    try {
      out.reports[name] = fn(value);
    } catch (error) {
      out.errors[name] = String(error.message || error);
    }
    out.ms[name] = performance.now() - started;
    const envelope = kind === "files" || kind === "html";
    const report = envelope && out.reports[name] !== undefined ? JSON.parse(out.reports[name]).report : out.reports[name];
    if (report) {
      const problem = invalid(report);
      if (problem) out.invalid[name] = problem;
      else out.typed += 1;
    }
  }
}
finish(pyodide);
process.stdout.write(JSON.stringify(out));
