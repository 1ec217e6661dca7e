// The page side of one Python worker, shared by the 在线自评 page (docs/checker/checker.js)
// and the 批量初审 page (docs/batch/batch.js): the first piece of the pages' common kit.
// The page imports this module at the build's ?v= (the URL is in the page, data-kit-url).
//
// A client starts its worker through the shared start-up (pyodide_start.js: the first
// one adopts the worker started while the page was parsed, every other is spawned and
// gets the one compiled wasm Module the page holds), follows its state (loading |
// ready | error, with the loading stage) and sends requests one at a time:
//
// - a request waits in the client until the worker is ready, then goes to it alone
//   (Pyodide answers one at a time anyway), so its deadline counts its own work only;
// - past the deadline the worker is stuck (a pathological input, a bug, memory
//   exhaustion): it is terminated and a fresh one started, the request is answered
//   {type: "timeout", message: WORDS.timeout} and the page keeps what the user typed;
// - `busy` is true while a request runs: a page never shows 就绪 then.
//
// The workers' own messages: docs/checker/worker.js, docs/batch/worker.js.

// Any input under the size limits is read and checked in under a second in CPython
// (spec/contract.md); Pyodide is 2-4x slower and a county office's PC may be several
// times slower than ours, and the first .xlsx of a visit also downloads openpyxl
// (~270 KB) within its request. 30 s is thirty times the contract's budget, and still
// short enough that someone whose check is stuck is told so within half a minute.
export const DEADLINE_MS = 30_000;

// Tests lower the deadline with ?deadline=<ms> in the page's URL (read once, here).
const asked = Number(new URLSearchParams(location.search).get("deadline"));
export const deadline_ms = Number.isFinite(asked) && asked > 0 ? asked : DEADLINE_MS;

// Words the user reads about the worker, on both pages.
export const WORDS = {
  timeout: "校验超时，已重新启动校验程序",
  restarted: "校验程序已重新启动，这次请求未完成。",
  no_worker: "浏览器无法启动校验程序（需要支持模块化 Web Worker 的新版浏览器）。",
  no_script: "无法加载校验程序的脚本。请检查网络连接后重试。",
};

export class WorkerClient {
  // url: the worker script; on_change(): called after every change of state.
  // adopt: take the worker pyodide_start.js started while the page was parsed.
  constructor(url, { on_change = () => {}, adopt = false } = {}) {
    this.url = url;
    this.on_change = on_change;
    this.adopt = adopt;
    this.worker = null;
    this.state = "loading";
    this.stage = null;
    this.error = null;
    this.ready = null; // the worker's "ready" message
    this.ready_ms = undefined; // when it came (ms since navigation)
    this.restarts = 0; // after a deadline passed
    this.next_id = 1;
    this.queue = []; // requests waiting for the worker: {payload, transfer, resolve}
    this.running = null; // the request the worker is working on: {id, resolve, timer}
  }

  get busy() {
    return this.running !== null;
  }

  start() {
    this.state = "loading";
    this.stage = null;
    this.error = null;
    this.ready = null;
    const start = window.pyodide_runtime;
    const early = start && this.adopt ? start.adopt() : null;
    this.adopt = false; // once: a restart spawns a fresh worker
    let worker;
    try {
      if (!start) throw new Error("pyodide_start.js 未加载");
      worker = early ? early.worker : start.spawn(this.url);
    } catch (error) {
      this._fail({ message: WORDS.no_worker, cause: String(error) });
      return;
    }
    this.worker = worker;
    worker.onmessage = (event) => {
      if (this.worker === worker) this._message(event.data || {});
    };
    worker.onerror = (event) => {
      // The worker script itself failed (not found, syntax, blocked).
      event.preventDefault();
      if (this.worker === worker) this._fail({ message: WORDS.no_script, cause: event.message || "worker.js 加载失败" });
    };
    for (const event of early ? early.events : []) {
      if (event.type === "message") worker.onmessage(event);
      else worker.onerror(event);
    }
    this.on_change();
  }

  // A fresh worker: the old one is terminated and what it was asked is answered
  // `answer` (a request waiting in the queue too: it was the old session's).
  restart(answer = { type: "failed", message: WORDS.restarted, cause: "" }) {
    this.stop(answer);
    this.start();
  }

  // The worker terminated, for good unless started again.
  stop(answer = { type: "failed", message: WORDS.restarted, cause: "" }) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.state = "loading";
    const running = this.running;
    this.running = null;
    if (running) {
      clearTimeout(running.timer);
      running.resolve({ ...answer, id: running.id });
    }
    for (const waiting of this.queue.splice(0)) waiting.resolve({ ...answer });
  }

  // Resolves to the worker's answer ({type, ...}), or {type: "timeout"} past the
  // deadline, or {type: "failed"} when the worker cannot answer.
  request(payload, transfer = []) {
    if (this.state === "error") return Promise.resolve({ type: "failed", message: this.error.message, cause: this.error.cause });
    return new Promise((resolve) => {
      this.queue.push({ payload, transfer, resolve });
      this._pump();
    });
  }

  _pump() {
    if (this.running || this.state !== "ready" || !this.queue.length) return;
    const { payload, transfer, resolve } = this.queue.shift();
    const id = this.next_id++;
    const timer = setTimeout(() => {
      this.restarts += 1;
      this.restart({ type: "timeout", message: WORDS.timeout, cause: `超过 ${deadline_ms / 1000} 秒未完成` });
    }, deadline_ms);
    this.running = { id, resolve, timer };
    this.worker.postMessage({ id, ...payload }, transfer);
    this.on_change();
  }

  _message(data) {
    if (data.type === "progress") {
      this.stage = data;
    } else if (data.type === "ready") {
      this.state = "ready";
      this.ready = data;
      this.ready_ms = performance.now();
    } else if (data.type === "error") {
      this._fail({ message: data.message, cause: data.cause });
      return;
    } else if (data.id !== undefined && this.running && data.id === this.running.id) {
      const { resolve, timer } = this.running;
      clearTimeout(timer);
      this.running = null;
      resolve(data);
    } else {
      return; // "warm", "wasm-wanted" and late answers: nothing for the page
    }
    this._pump();
    this.on_change();
  }

  _fail(error) {
    this.state = "error";
    this.error = error;
    const running = this.running;
    this.running = null;
    const answer = { type: "failed", message: error.message, cause: error.cause };
    if (running) {
      clearTimeout(running.timer);
      running.resolve({ ...answer, id: running.id });
    }
    for (const waiting of this.queue.splice(0)) waiting.resolve(answer);
    this.on_change();
  }
}
