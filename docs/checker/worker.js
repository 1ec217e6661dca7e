// Module Web Worker: runs the `checker` package in self-hosted Pyodide, off the
// main thread, so the page stays usable while ~18 MB of runtime loads.
// Every URL is resolved against this file's own URL, so the site works under
// any sub-path (e.g. https://host/guide/checker/worker.js).
//
// Messages to the page:
//   {type: "progress", stage: "runtime" | "checker" | "ready", step, steps, label}
//   {type: "ready", timings}                      timings: ms since the worker started
// (labels, rule titles and the example are in the page: api.page_meta, at build time)
//   {type: "error", stage, message, cause}        loading failed (page offers 重试)
//   {type: "report", id, report, ms}              report = the report JSON string
//   {type: "failed", id, message, cause}          one request failed
// Messages from the page: {id, check: text} | {id, xlsx: ArrayBuffer}

const self_url = new URL(import.meta.url);
const version = self_url.searchParams.get("v") || "";
// Bare mode, for the benchmark page only: the same runtime, loaded the same
// way, without the checker's packages, to measure what they add.
const bare = self_url.searchParams.has("bare");
const runtime_url = new URL("../assets/pyodide/", self_url);
const STAGES = {
  runtime: [1, "下载运行环境"],
  checker: [2, "加载校验程序"],
  ready: [3, "就绪"],
};

// Python side: the page only renders; every decision is made here.
const PRELUDE = `
from checker import api

def checker_xlsx(buffer):
    return api.check_xlsx(buffer.to_bytes())
`;

let pyodide = null;
let ready = null; // Promise of the loaded runtime, shared by every request
let xlsx_ready = null;

function progress(stage) {
  const [step, label] = STAGES[stage];
  postMessage({ type: "progress", stage, step, steps: 3, label });
}

function cause_of(error) {
  if (!error) return "未知原因";
  let text = error.message || String(error);
  if (text.includes("Traceback (most recent call last)")) {
    // A Python exception: its last line says what went wrong.
    const lines = text.trim().split("\n");
    text = lines[lines.length - 1];
  }
  return text.length > 600 ? text.slice(0, 600) + "…" : text;
}

// Pyodide 314 only logs (console.warn/error) when the wasm binary or the
// standard library cannot be fetched, and then never settles. Watch the log
// while loading, so such a failure becomes an error the page can show.
const FATAL_LOG = /wasm instantiation failed|Error occurred while installing the standard library/;

function watch_loading_log() {
  const original = { warn: console.warn, error: console.error };
  const seen = [];
  let failed = false;
  let reject;
  const failure = new Promise((_, r) => (reject = r));
  for (const kind of ["warn", "error"]) {
    console[kind] = (...args) => {
      original[kind](...args);
      seen.push(args.map((arg) => (arg && arg.message) || String(arg)).join(" "));
      if (!failed && FATAL_LOG.test(seen[seen.length - 1])) {
        failed = true;
        // The cause is logged right after the headline: give it a moment.
        setTimeout(() => reject(new Error(seen.slice(-3).join(" — "))), 50);
      }
    };
  }
  const restore = () => Object.assign(console, original);
  return { failure, restore };
}

async function load() {
  let stage = "runtime";
  try {
    progress("runtime");
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtime_url).href);
    const lock = new URL("pyodide-lock.json", runtime_url);
    if (version) lock.searchParams.set("v", version);
    const watch = watch_loading_log();
    const loading = loadPyodide({
      indexURL: runtime_url.href,
      lockFileURL: lock.href,
      packageBaseUrl: new URL("wheels/", runtime_url).href,
      // Downloaded while the interpreter boots (faster than loadPackage after).
      packages: bare ? [] : ["cluster-checker"],
      // pydantic otherwise scans every installed distribution for plugins when
      // the first model is built (~0.2 s in the browser); we use none.
      env: { PYDANTIC_DISABLE_PLUGINS: "__all__" },
      stdout: () => {},
      stderr: (line) => console.warn(line),
    });
    try {
      pyodide = await Promise.race([loading, watch.failure]);
    } finally {
      watch.restore();
    }
    stage = "checker";
    progress("checker");
    if (bare) {
      progress("ready");
      postMessage({ type: "ready", timings: { booted: performance.now() } });
      return pyodide;
    }
    if (!pyodide.loadedPackages["cluster-checker"]) {
      // loadPyodide only logs a failed package; ask again to get the error.
      await pyodide.loadPackage(["cluster-checker"], {
        errorCallback: (line) => console.warn(line),
      });
    }
    const booted = performance.now();
    pyodide.runPython(PRELUDE);
    const imported = performance.now();
    // One check of the example before saying "ready": whatever the checker does
    // lazily on first use (imports, compiled patterns) is paid now, so the first
    // real check is as fast as the next ones.
    const api = pyodide.globals.get("api");
    api.check_text_json(api.example_text());
    // Where the start-up time goes (ms since the worker started), for the benchmark.
    const timings = { booted, imported, ready: performance.now() };
    progress("ready");
    postMessage({ type: "ready", timings });
    return pyodide;
  } catch (error) {
    const message =
      stage === "runtime"
        ? "无法下载 Python 运行环境（Pyodide）。请检查网络连接后重试。"
        : "无法加载校验程序。请刷新页面或稍后重试。";
    postMessage({ type: "error", stage, message, cause: cause_of(error) });
    ready = null; // a retry starts over
    throw error;
  }
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

async function answer(data) {
  const { id } = data;
  let py;
  try {
    py = await (ready ??= load());
  } catch (error) {
    postMessage({ type: "failed", id, message: "运行环境未就绪", cause: cause_of(error) });
    return;
  }
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

onmessage = (event) => {
  const data = event.data || {};
  if (data.retry) {
    ready ??= load();
    ready.catch(() => {});
    return;
  }
  answer(data);
};

// Start at once: the page is usable meanwhile, and a check waits for `ready`.
ready = load();
ready.catch(() => {});
