// Start-up of the site's Pyodide, page side, shared by the 在线自评 and 批量初审 pages
// (their application markup includes site_hooks/templates/pyodide_start.html, which
// loads this classic script while the page is parsed). Worker side: pyodide_boot.js.
//
// 1. It compiles pyodide.asm.wasm with WebAssembly.compileStreaming on the page:
//    Chromium keeps the compiled code of a module compiled this way with the HTTP
//    cache entry (it does not for one compiled in a worker), so a second visit skips
//    most of the compile. The compile starts with the first frame after the page is
//    parsed, or when the worker asks for the module, whichever comes first: the
//    bytes it consumes as they arrive are main-thread tasks, and started while the
//    page was parsed (from <head>, as before) they held the text area's first frame
//    back (bench.browser_bench, paste). The worker needs the module only once it has
//    loaded Pyodide's JavaScript.
// 2. It starts the page's module Web Worker at once (data-worker), and keeps what
//    the worker says until the page's own script adopts it (adopt()).
// 3. Every worker it starts (spawn(url)) that asks for the binary ("wasm-wanted")
//    gets the one compiled WebAssembly.Module: a page with several workers
//    (批量初审) compiles once. A failed compile is answered with its cause, so the
//    worker reports the error and the page offers 重试; spawning again retries it.
//
// 4. Once the first worker is ready or has failed, it sets pyodide_runtime.settled and
//    fires "pyodide-runtime-settled" on the document: work that may wait (the service
//    worker's download of the site for offline use, offline.js) starts then.
// 5. A table pasted into a [data-keep-paste] text area keeps its text/html flavour,
//    even before the page's module script runs: the plain text goes in at the caret
//    and the HTML goes to the page's script (on_table_paste), kept until it asks.
//    Without this, a paste before the script ran would give the browser's plain
//    flavour alone (one cell per line), and the table would be lost.
//
// window.pyodide_runtime = {adopt(), spawn(url), compile(), on_table_paste(take), settled}.
(function () {
  "use strict";
  var script = document.currentScript;
  if (window.pyodide_runtime) return; // one runtime per document
  var wasm_url = new URL(script.getAttribute("data-wasm"), document.baseURI).href;
  var compiling = null; // Promise of the WebAssembly.Module
  var failed = false;

  function cause_of(error) {
    return (error && (error.name ? error.name + ": " : "") + (error.message || "")) || String(error);
  }

  function download() {
    return fetch(wasm_url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " " + wasm_url);
      return response;
    }).catch(function (error) {
      // No network and no fresh HTTP cache entry: the copy the service worker keeps
      // for offline use, if any (docs/sw_pass_through.js leaves this request to the browser).
      if (typeof caches === "undefined") throw error;
      return caches.match(wasm_url).then(function (kept) {
        if (!kept) throw error;
        return kept;
      }, function () {
        throw error;
      });
    });
  }

  // The module, compiled once per document. compileStreaming needs the server to
  // say application/wasm; a server that does not (an IIS without the MIME map, a
  // file share) still works, compiled from the bytes, without the cached code.
  function compile() {
    if (compiling) return compiling;
    if (typeof WebAssembly !== "object" || typeof WebAssembly.compileStreaming !== "function") {
      compiling = Promise.resolve(null); // the worker compiles it itself
      return compiling;
    }
    var started = performance.now();
    compiling = WebAssembly.compileStreaming(download()).catch(function (error) {
      if (!(error instanceof TypeError) || !/MIME|mime/.test(error.message || "")) throw error;
      return download().then(function (response) {
        return response.arrayBuffer();
      }).then(function (bytes) {
        return WebAssembly.compile(bytes);
      });
    });
    compiling.then(
      function () {
        // When the page's compile ran (ms since navigation), for the benchmark.
        window.pyodide_runtime.compiled_ms = [started, performance.now()];
      },
      function () {
        failed = true;
      }
    );
    return compiling;
  }

  function hand_over(worker) {
    compile().then(
      function (module) {
        try {
          worker.postMessage({ wasm: module });
        } catch (error) {
          worker.postMessage({ wasm: null }); // a browser that cannot post modules
        }
      },
      function (error) {
        worker.postMessage({ wasm_error: cause_of(error) });
      }
    );
  }

  function spawn(url) {
    if (failed) {
      // A retry after a failed compile: compile again (a failure is not kept).
      failed = false;
      compiling = null;
      compile().catch(function () {});
    }
    return new_worker(url);
  }

  function new_worker(url) {
    var worker = new Worker(url, { type: "module" });
    worker.addEventListener("message", function (event) {
      var type = event.data && event.data.type;
      if (type === "wasm-wanted") hand_over(worker);
      if ((type === "ready" || type === "error") && !window.pyodide_runtime.settled) {
        window.pyodide_runtime.settled = true;
        document.dispatchEvent(new Event("pyodide-runtime-settled"));
      }
    });
    return worker;
  }

  // The worker started while the page was parsed, and what it said meanwhile
  // (message and error events, in order), for the page's script: once.
  var early = null;
  function adopt() {
    var taken = early;
    early = null;
    if (taken) {
      taken.worker.onmessage = null;
      taken.worker.onerror = null;
    }
    return taken;
  }

  // The page's worker (data-worker), started at once, and what it says until the
  // page's script adopts it.
  function start(worker_url) {
    if (!worker_url || !window.Worker) return;
    try {
      // Not spawn(): a compile that fails is this load's failure, reported to the
      // worker; only the page's 重试 compiles again.
      var held = { worker: new_worker(new URL(worker_url, document.baseURI).href), events: [] };
      held.worker.onmessage = function (event) {
        held.events.push(event);
      };
      held.worker.onerror = function (event) {
        event.preventDefault();
        held.events.push(event);
      };
      early = held;
    } catch (error) {
      early = null; // the page's script starts it again and reports the failure
    }
  }

  // A table pasted into a [data-keep-paste] text area: its plain text goes in at the
  // caret, and {html, plain, start} goes to the page's script (on_table_paste), or
  // waits for it in order if it has not run yet.
  var table_taker = null;
  var kept_pastes = [];
  function keep_paste(event) {
    var area = event.target;
    if (!area || !area.matches || !area.matches("textarea[data-keep-paste]")) return;
    var data = event.clipboardData;
    var html = data ? data.getData("text/html") : "";
    if (!html || !/<table/i.test(html)) return; // plain text: the browser pastes it
    event.preventDefault();
    var plain = data.getData("text/plain") || "";
    var start = area.selectionStart;
    area.setRangeText(plain, area.selectionStart, area.selectionEnd, "end");
    var job = { html: html, plain: plain, start: start };
    if (table_taker) table_taker(job);
    else kept_pastes.push(job);
  }
  document.addEventListener("paste", keep_paste, true);
  // The page's script takes every table pasted so far, then each one as it comes.
  function on_table_paste(take) {
    table_taker = take;
    var taken = kept_pastes;
    kept_pastes = [];
    taken.forEach(take);
  }

  window.pyodide_runtime = { adopt: adopt, spawn: spawn, compile: compile, on_table_paste: on_table_paste, settled: false };
  // After the frame that follows the parse (rAF runs just before a frame is drawn, the
  // timeout once it is); a page in a background tab draws no frame, and compiles when
  // its worker asks.
  function after_first_frame() {
    requestAnimationFrame(function () {
      setTimeout(function () {
        compile().catch(function () {}); // reported to the worker when it asks
      }, 0);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", after_first_frame);
  else after_first_frame();
  start(script.getAttribute("data-worker"));
})();
