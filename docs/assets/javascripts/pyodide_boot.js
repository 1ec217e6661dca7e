// Boot of the site's self-hosted Pyodide, shared by the module Web Workers of the
// self-assessment page (docs/checker/worker.js) and the 批量初审 page
// (docs/batch/worker.js): same runtime directory, same lock, same wheels, so a
// visitor's browser cache serves both pages. Nothing is fetched from elsewhere.
// Every URL is resolved against this file's own URL, so the site works under
// any sub-path (e.g. https://host/guide/assets/javascripts/pyodide_boot.js).
//
// Messages to the page (posted here; the rest are the worker's own):
//   {type: "progress", stage: "runtime" | "checker" | "ready", step, steps, label}
//   {type: "ready", ...}                          the rest is what the worker's `setup` returns
//   {type: "error", stage, message, cause}        loading failed (page offers 重试)
//   {type: "failed", id, message, cause}          a request came while loading failed
// Messages from the page: {retry: true} loads again after a failure; any other
// message is a request for the worker's `answer`.

const runtime_url = new URL("../pyodide/", import.meta.url);
const STAGES = {
  runtime: [1, "下载运行环境"],
  checker: [2, "加载校验程序"],
  ready: [3, "就绪"],
};

function progress(stage) {
  const [step, label] = STAGES[stage];
  postMessage({ type: "progress", stage, step, steps: 3, label });
}

export function cause_of(error) {
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

// Loads the runtime with `packages` (downloaded while the interpreter boots,
// faster than loadPackage after), then runs `setup(pyodide)` at stage "checker"
// and posts {type: "ready", ...setup(pyodide)}; `idle(pyodide)`, if given, runs in
// the next task (work that makes the first answer faster but need not delay
// "ready"). Resolves to the runtime; on failure posts {type: "error"} and
// rejects. `version` (the worker's ?v=) is put on the lock's URL so a new build
// never reads a stale lock.
async function boot({ version, packages, setup, idle }) {
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
      packages,
      // pydantic otherwise scans every installed distribution for plugins when
      // the first model is built (~0.2 s in the browser); we use none.
      env: { PYDANTIC_DISABLE_PLUGINS: "__all__" },
      stdout: () => {},
      stderr: (line) => console.warn(line),
    });
    let pyodide;
    try {
      pyodide = await Promise.race([loading, watch.failure]);
    } finally {
      watch.restore();
    }
    stage = "checker";
    progress("checker");
    const missing = packages.filter((name) => !pyodide.loadedPackages[name]);
    if (missing.length) {
      // loadPyodide only logs a failed package; ask again to get the error.
      await pyodide.loadPackage(missing, { errorCallback: (line) => console.warn(line) });
    }
    const ready = setup(pyodide);
    progress("ready");
    postMessage({ type: "ready", ...ready });
    if (idle) setTimeout(() => idle(pyodide), 0);
    return pyodide;
  } catch (error) {
    const message =
      stage === "runtime"
        ? "无法下载 Python 运行环境（Pyodide）。请检查网络连接后重试。"
        : "无法加载校验程序。请刷新页面或稍后重试。";
    postMessage({ type: "error", stage, message, cause: cause_of(error) });
    throw error;
  }
}

// Starts loading at once (the page is usable meanwhile) and serves the page's
// messages: a request waits for the runtime, then goes to `answer(pyodide, data)`,
// which posts its own reply. A failed load is forgotten, so a retry starts over.
export function serve({ version, packages, setup, idle, answer }) {
  let ready = null; // Promise of the loaded runtime, shared by every request
  const runtime = () =>
    (ready ??= boot({ version, packages, setup, idle }).catch((error) => {
      ready = null;
      throw error;
    }));
  onmessage = async (event) => {
    const data = event.data || {};
    if (data.retry) {
      runtime().catch(() => {});
      return;
    }
    let pyodide;
    try {
      pyodide = await runtime();
    } catch (error) {
      postMessage({ type: "failed", id: data.id, message: "运行环境未就绪", cause: cause_of(error) });
      return;
    }
    await answer(pyodide, data);
  };
  runtime().catch(() => {});
}
