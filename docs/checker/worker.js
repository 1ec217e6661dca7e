// Module Web Worker: runs the `checker` package in self-hosted Pyodide, off the
// main thread, so the page stays usable while ~18 MB of runtime loads.
// Every URL is resolved against this file's own URL, so the site works under
// any sub-path (e.g. https://host/guide/checker/worker.js). Loading the runtime
// is shared with the 批量初审 page's worker: docs/assets/javascripts/pyodide_boot.js.
//
// Messages to the page (and those of the start-up, in pyodide_boot.js):
//   {type: "progress", stage: "runtime" | "checker" | "ready", step, steps, label}
//   {type: "ready", wasm, timings}                timings: ms since the worker started
//   {type: "warm", ms}                            the first check's one-off cost is paid
// (labels, rule titles and the example are in the page: api.page_meta, at build time)
//   {type: "error", stage, message, cause}        loading failed (page offers 重试)
//   {type: "report", id, report, ms}              report = the report JSON string
//   {type: "file", id, result, ms}                result = JSON {refused, report, text, format}
//   {type: "html", id, result, ms}                result = JSON {report, text} (text: the tables as rows)
//   {type: "evidence", id, name, bytes, ms}       the 佐证材料清单 file (bytes: Uint8Array)
//   {type: "failed", id, message, cause}          one request failed
// Messages from the page: {id, check: text} | {id, file: ArrayBuffer, name} | {id, html: text}
//   | {id, evidence: "docx" | "xlsx", report: report JSON, ticked: JSON list of item ids}
// Every file goes through Python's one sniffing path (checker.intake): the page never
// decodes a file itself, so a Word file never lands in the text area.

const self_url = new URL(import.meta.url);
const version = self_url.searchParams.get("v") || "";
// The shared boot code carries this build's version too, so a browser never pairs
// a new worker with a cached old copy of it.
const boot_url = new URL("../assets/javascripts/pyodide_boot.js", import.meta.url);
if (version) boot_url.searchParams.set("v", version);
const { cause_of, serve } = await import(boot_url.href);

// Python side: the page only renders; every decision is made here.
const PRELUDE = `
from checker import api

def checker_file(buffer, name):
    return api.check_file_json(buffer.to_bytes(), name)

def checker_file_kind(buffer):
    return api.file_kind(buffer.to_bytes())
`;

let xlsx_ready = null;

function setup(pyodide) {
  const booted = performance.now();
  pyodide.runPython(PRELUDE);
  // Where the start-up time goes (ms since the worker started), for the benchmark.
  return { timings: { booted, imported: performance.now() } };
}

function idle(pyodide) {
  // One check of the example right after "ready": whatever the checker does lazily
  // on first use (imports, compiled patterns) is paid while the visitor reads the
  // page, so their first check is as fast as the next ones. A check sent meanwhile
  // waits for this one (tens of ms).
  const started = performance.now();
  const api = pyodide.globals.get("api");
  api.check_text_json(api.example_text());
  postMessage({ type: "warm", ms: performance.now() - started });
}

async function ensure_xlsx(py) {
  // openpyxl (~270 KB) is only fetched when someone actually drops an .xlsx.
  if (!xlsx_ready) {
    xlsx_ready = py.loadPackage(["openpyxl"]).then(() => {
      if (!py.loadedPackages["openpyxl"]) throw new Error("openpyxl 未能加载");
    });
    xlsx_ready.catch(() => {
      xlsx_ready = null;
    });
  }
  return xlsx_ready;
}

// The 佐证材料清单 as a file (checker.judge.evidence_files); openpyxl only for the .xlsx.
async function evidence_file(py, data, started) {
  const { id } = data;
  const format = data.evidence === "xlsx" ? "xlsx" : "docx";
  try {
    if (format === "xlsx") await ensure_xlsx(py);
  } catch (error) {
    return { type: "failed", id, message: "生成 Excel 文件所需的组件（openpyxl）未能加载：请检查网络后重试，或下载 Word 版。", cause: cause_of(error) };
  }
  try {
    const out = py.globals.get("api").evidence_file(String(data.report ?? ""), format, String(data.ticked ?? "[]"));
    const [name, blob] = [out.get(0), out.get(1)];
    out.destroy();
    const bytes = new Uint8Array(blob.toJs());
    blob.destroy?.();
    return { type: "evidence", id, name, bytes, ms: performance.now() - started };
  } catch (error) {
    return { type: "failed", id, message: "校验程序未能生成佐证材料清单。", cause: cause_of(error) };
  }
}

async function answer(py, data) {
  const { id } = data;
  const started = performance.now();
  if (data.file !== undefined) {
    const bytes = new Uint8Array(data.file);
    if (py.globals.get("checker_file_kind")(bytes) === "xlsx") {
      try {
        await ensure_xlsx(py);
      } catch (error) {
        // The component did not download: not the user's file.
        postMessage({ type: "failed", id, message: "读取 Excel 文件所需的组件（openpyxl）未能加载，这不是文件的问题：请检查网络后重试，或复制表格内容粘贴。", cause: cause_of(error) });
        return;
      }
    }
    try {
      const t0 = performance.now();
      const result = py.globals.get("checker_file")(bytes, String(data.name || ""));
      postMessage({ type: "file", id, result, ms: performance.now() - t0, total_ms: performance.now() - started });
    } catch (error) {
      postMessage({ type: "failed", id, message: "校验程序读取这个文件时出错，未能生成报告。", cause: cause_of(error) });
    }
    return;
  }
  if (data.evidence !== undefined) {
    postMessage(await evidence_file(py, data, started));
    return;
  }
  try {
    if (data.html !== undefined) {
      const result = py.globals.get("api").check_html_json(String(data.html));
      postMessage({ type: "html", id, result, ms: performance.now() - started });
      return;
    }
    const report = py.globals.get("api").check_text_json(String(data.check ?? ""));
    postMessage({ type: "report", id, report, ms: performance.now() - started });
  } catch (error) {
    postMessage({ type: "failed", id, message: "校验程序出错，未能生成报告。", cause: cause_of(error) });
  }
}

serve({ version, packages: ["cluster-checker"], setup, idle, answer });
