// Imported by the service worker (sw.js, site_hooks/service_worker.py) before
// Workbox's own handler, for one file: pyodide.asm.wasm, which the page compiles.
// Chromium keeps the compiled code of a WebAssembly module with the browser's HTTP
// cache entry, and reuses it only when the browser itself fetched the response: a
// response a service worker gives the page, from its cache or even straight from
// fetch(), compiles again at every visit (measured). So this request is left to the
// browser: Workbox's handler does not see it, and the HTTP cache answers it, with
// the compiled code (nginx says "immutable"), online and offline alike. Only if that
// fails (offline, the entry gone from the HTTP cache) does the page compile the
// copy the service worker keeps (assets/javascripts/pyodide_start.js).
self.addEventListener("fetch", (event) => {
  if (new URL(event.request.url).pathname.endsWith("/pyodide.asm.wasm")) event.stopImmediatePropagation();
});
