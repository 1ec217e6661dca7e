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
//   {type: "failed", id, message, cause}          one request failed
// Messages from the page: {id, check: text} | {id, xlsx: ArrayBuffer}

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

def checker_xlsx(buffer):
    return api.check_xlsx(buffer.to_bytes())
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

async function answer(py, data) {
  const { id } = data;
  try {
    let report;
    const started = performance.now();
    if (data.xlsx !== undefined) {
      await ensure_xlsx(py);
      const bytes = new Uint8Array(data.xlsx);
      const t0 = performance.now();
      report = py.globals.get("checker_xlsx")(bytes);
      postMessage({ type: "report", id, report, ms: performance.now() - t0, total_ms: performance.now() - started });
      return;
    }
    report = py.globals.get("api").check_text_json(String(data.check ?? ""));
    postMessage({ type: "report", id, report, ms: performance.now() - started });
  } catch (error) {
    const message =
      data.xlsx !== undefined
        ? "无法读取该 Excel 文件：请使用本站提供的 .xlsx 模板填写后再上传。"
        : "校验程序出错，未能生成报告。";
    postMessage({ type: "failed", id, message, cause: cause_of(error) });
  }
}

serve({ version, packages: ["cluster-checker"], setup, idle, answer });
