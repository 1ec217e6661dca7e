// Boot of the site's self-hosted Pyodide, shared by the module Web Workers of the
// self-assessment page (docs/checker/worker.js) and the 批量初审 page
// (docs/batch/worker.js): same runtime directory, same lock, same wheels, so a
// visitor's browser cache serves both pages. Nothing is fetched from elsewhere.
// Every URL is resolved against this file's own URL, so the site works under
// any sub-path (e.g. https://host/guide/assets/javascripts/pyodide_boot.js).
//
// The wasm binary is compiled by the page, not here (pyodide_start.js): Chromium
// keeps the compiled code of a module compiled by a page's compileStreaming in its
// HTTP cache, and not of one compiled in a worker, so a second visit skips most of
// the compile. The worker asks the page for the compiled WebAssembly.Module when
// Pyodide wants the binary, and Pyodide instantiates that module (see handover()).
//
// Messages to the page (posted here; the rest are the worker's own):
//   {type: "progress", stage: "runtime" | "checker" | "ready", step, steps, label}
//   {type: "wasm-wanted"}                         send me the compiled pyodide.asm.wasm
//   {type: "ready", wasm, ...}                    wasm: "page" (the page's module) or "worker";
//                                                 the rest is what the worker's `setup` returns
//   {type: "error", stage, message, cause}        loading failed (page offers 重试)
//   {type: "failed", id, message, cause}          a request came while loading failed
// Messages from the page: {wasm: WebAssembly.Module | null} answers "wasm-wanted"
// (null: compile it yourself), {wasm_error: cause} the page's compile failed;
// {retry: true} loads again after a failure; any other message is a request for
// the worker's `answer`.

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

// The page's compiled module, handed to Pyodide 314 for the duration of one load.
// Pyodide's loader (pyodide.mjs, getInstantiateWasmFunc) starts
// `fetch(indexURL + "pyodide.asm.wasm")` when it creates its settings and later
// calls `WebAssembly.instantiateStreaming(thatResponse, imports)`; it has no option
// to take a module. So, for that one URL and only while loading: fetch answers with
// a placeholder Response (no request is made) once the page has sent the module,
// and instantiateStreaming, given that placeholder, instantiates the module. Both
// are put back when the load ends. `used` says whether Pyodide took this path: the
// browser tests pin it (and count the wasm requests), so a Pyodide upgrade that
// loads the binary another way fails a test, not a visitor.
function handover(wasm_url, versioned_wasm_url) {
  const native = { fetch: globalThis.fetch, instantiate: WebAssembly.instantiateStreaming };
  const placeholder = new Response(null, { headers: { "content-type": "application/wasm" } });
  let answer;
  const answered = new Promise((resolve, reject) => (answer = { resolve, reject }));
  answered.catch(() => {}); // observed through `failure` and by Pyodide
  let failure_reject;
  const failure = new Promise((_, reject) => (failure_reject = reject));
  const state = { module: null, asked: false, used: false, failure, marks: {} };

  globalThis.fetch = function (input, init) {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== wasm_url) return native.fetch.call(this, input, init);
    if (!state.asked) {
      state.asked = true;
      state.marks.wasm_wanted = performance.now();
      postMessage({ type: "wasm-wanted" });
    }
    return answered.then((module) => {
      if (module) return placeholder;
      // The page could not compile it (no compileStreaming): fetch it here, at
      // the page's versioned URL so a new release never pairs with an old binary.
      return native.fetch.call(globalThis, versioned_wasm_url, init);
    });
  };
  WebAssembly.instantiateStreaming = async function (source, imports) {
    const response = await source;
    if (response !== placeholder) return native.instantiate.call(WebAssembly, response, imports);
    state.used = true;
    const instance = await WebAssembly.instantiate(state.module, imports);
    state.marks.instantiated = performance.now();
    return { instance, module: state.module };
  };
  return Object.assign(state, {
    // The page's answer to "wasm-wanted".
    receive(data) {
      if (data.wasm_error !== undefined) {
        const error = new Error(String(data.wasm_error));
        answer.reject(error);
        failure_reject(error);
        return;
      }
      state.module = data.wasm instanceof WebAssembly.Module ? data.wasm : null;
      state.marks.wasm_received = performance.now();
      answer.resolve(state.module);
    },
    restore() {
      globalThis.fetch = native.fetch;
      WebAssembly.instantiateStreaming = native.instantiate;
    },
  });
}

// Our wheels, installed from here rather than by Pyodide's loadPackage: they are
// stored zips (pyodide_runtime.py writes them uncompressed, byte-compiled), so
// installing one is copying its members into site-packages, which this does with
// pyodide.FS while loadPackage would import and run Python's zipfile, shutil and
// tempfile first (tens of ms in the browser). They are fetched as soon as the lock
// is read, while the interpreter boots, at the URL and integrity Pyodide would use
// (the service worker keeps the same URLs). A wheel with a compressed member or a
// shared library (pydantic-core) is left to loadPackage. Each one installed here is
// entered in pyodide.loadedPackages, so a later loadPackage takes it as installed.

// The package and what it depends on, dependencies first, each once.
function with_dependencies(lock, names, out = []) {
  for (const name of names) {
    const entry = lock.packages[name];
    if (!entry) throw new Error(`${name} is not in pyodide-lock.json`);
    if (out.includes(name)) continue;
    with_dependencies(lock, entry.depends || [], out);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

function hex_to_base64(hex) {
  return btoa(String.fromCharCode(...hex.match(/../g).map((byte) => parseInt(byte, 16))));
}

async function download_wheel(lock, name, base) {
  const entry = lock.packages[name];
  const url = new URL(entry.file_name, base).href;
  const response = await fetch(url, entry.sha256 ? { integrity: `sha256-${hex_to_base64(entry.sha256)}` } : {});
  if (!response.ok) throw new Error(`HTTP ${response.status} ${url}`);
  return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
}

// The members of a stored zip ([path, bytes]), or null when it needs Pyodide's
// installer (a compressed member, a shared library, not a zip it can read).
export function stored_members(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22; // the end-of-central-directory record, after any comment
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = new TextDecoder();
  const members = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) return null;
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const name_length = view.getUint16(at + 28, true);
    const skip = name_length + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + name_length));
    at += 46 + skip;
    if (method !== 0 || /\.so(\.|$)/.test(name) || name.startsWith("/") || name.split("/").includes("..")) return null;
    if (name.endsWith("/")) continue;
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    members.push([name, bytes.subarray(data, data + size)]);
  }
  return members;
}

// Installs the downloaded wheels; returns the names left to loadPackage.
function install_wheels(pyodide, wheels) {
  const site = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
  const left = [];
  const made = new Set();
  for (const { name, bytes } of wheels) {
    const members = stored_members(bytes);
    if (!members) {
      left.push(name);
      continue;
    }
    for (const [path, data] of members) {
      const target = `${site}/${path}`;
      const folder = target.slice(0, target.lastIndexOf("/"));
      if (!made.has(folder)) {
        pyodide.FS.mkdirTree(folder);
        made.add(folder);
      }
      pyodide.FS.writeFile(target, data);
    }
    pyodide.loadedPackages[name] = "site";
  }
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  return left;
}

// The page's answers to "wasm-wanted" go to the load in progress.
let current_handover = null;

// Loads the runtime with `packages` and their dependencies (downloaded while the
// interpreter boots, installed by install_wheels), then runs `setup(pyodide)` at stage "checker"
// and posts {type: "ready", ...setup(pyodide)}; `idle(pyodide)`, if given, runs in
// the next task (work that makes the first answer faster but need not delay
// "ready"). Resolves to the runtime; on failure posts {type: "error"} and
// rejects. `version` (the worker's ?v=) is put on the URLs of the lock, the
// standard library and the Pyodide module so a new build never reads stale ones.
async function boot({ version, packages, setup, idle }) {
  let stage = "runtime";
  const versioned = (name) => {
    const url = new URL(name, runtime_url);
    if (version) url.searchParams.set("v", version);
    return url.href;
  };
  try {
    progress("runtime");
    const { loadPyodide, version: pyodide_version } = await import(versioned("pyodide.mjs"));
    const imported = performance.now();
    // The Emscripten module at the Pyodide release's own version (it changes only
    // with Pyodide, so a new build of the site keeps it cached), handed to
    // loadPyodide through its createPyodideModule option.
    const core = (name) => {
      const url = new URL(name, runtime_url);
      url.searchParams.set("v", pyodide_version);
      return url.href;
    };
    // Imported while loadPyodide starts its other downloads, as its own import would be.
    const emscripten = import(core("pyodide.asm.mjs"));
    emscripten.catch(() => {}); // a failure surfaces through loadPyodide
    const createPyodideModule = async (settings) => (await emscripten).default(settings);
    const watch = watch_loading_log();
    const wasm = (current_handover = handover(new URL("pyodide.asm.wasm", runtime_url).href, core("pyodide.asm.wasm")));
    // The lock, read here (and given to Pyodide) so the wheels download at once.
    const lock_url = versioned("pyodide-lock.json");
    const lock = fetch(lock_url).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status} ${lock_url}`);
      return response.json();
    });
    const wheel_base = new URL("wheels/", runtime_url).href;
    const wheels = lock.then((index) =>
      Promise.all(with_dependencies(index, packages).map((name) => download_wheel(index, name, wheel_base))));
    wheels.catch(() => {}); // awaited at stage "checker"
    let pyodide;
    try {
      const loading = loadPyodide({
        indexURL: runtime_url.href,
        lockFileContents: lock,
        stdLibURL: versioned("python_stdlib.zip"),
        packageBaseUrl: wheel_base,
        createPyodideModule,
        // pydantic otherwise scans every installed distribution for plugins when
        // the first model is built (~0.2 s in the browser); we use none.
        env: { PYDANTIC_DISABLE_PLUGINS: "__all__" },
        stdout: () => {},
        stderr: (line) => console.warn(line),
      });
      pyodide = await Promise.race([loading, watch.failure, wasm.failure]);
    } finally {
      watch.restore();
      wasm.restore();
      current_handover = null;
    }
    stage = "checker";
    progress("checker");
    const booted = performance.now();
    const left = install_wheels(pyodide, await wheels);
    if (left.length) await pyodide.loadPackage(left, { errorCallback: (line) => console.warn(line) });
    const missing = packages.filter((name) => !pyodide.loadedPackages[name]);
    if (missing.length) throw new Error(`未能安装 ${missing.join(", ")}`);
    const loaded = performance.now();
    const ready = setup(pyodide);
    progress("ready");
    // Where the start-up time went (ms since the worker started), for the benchmark.
    const boot = { origin: performance.timeOrigin, imported, ...wasm.marks, booted, loaded, ready: performance.now() };
    postMessage({ type: "ready", wasm: wasm.used ? "page" : "worker", boot, ...ready });
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
    if ("wasm" in data || "wasm_error" in data) {
      current_handover?.receive(data);
      return;
    }
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
