// Offline use: registers the site's service worker (sw.js at the site's root, written
// at build time by site_hooks/service_worker.py with Workbox), which keeps the whole
// site, Pyodide included, so a second visit works with no network at all. Loaded by
// every page (mkdocs.yml extra_javascript).
//
// - When: after the page's own work, so the download never competes with it: on a
//   page with the checker's runtime once that is ready or has failed
//   (pyodide_start.js fires "pyodide-runtime-settled"), elsewhere after "load".
// - A new release: the browser finds a new sw.js, which downloads what changed while
//   the old one keeps serving the old release, whole. The page then says 已更新 and
//   offers 重新加载; that switches every open page to the new release at once (each
//   reloads), so no page ever mixes the two.
// - <html data-offline="ready"> once the site is kept for offline use.
(function (script) {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var root = new URL("../../", script.src); // this file is assets/javascripts/offline.js
  var had_controller = Boolean(navigator.serviceWorker.controller);
  var reloading = false;

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    // A first install takes no page over (no clients.claim); a change is a new release.
    if (!had_controller || reloading) return;
    reloading = true;
    location.reload();
  });

  function offer(waiting) {
    if (!navigator.serviceWorker.controller || document.querySelector("[data-site-update]")) return;
    var bar = document.createElement("div");
    bar.className = "site-update";
    bar.setAttribute("role", "status");
    bar.setAttribute("data-site-update", "");
    var text = document.createElement("p");
    text.textContent = "已更新：本站有新版本，重新加载后使用（草稿和初审材料保存在本机，不会丢失）。";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "重新加载";
    button.addEventListener("click", function () {
      button.disabled = true;
      waiting.postMessage({ type: "SKIP_WAITING" }); // Workbox's message: activate now
    });
    bar.append(text, button);
    document.body.append(bar);
  }

  function watch(registration) {
    if (registration.waiting) offer(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var installing = registration.installing;
      if (!installing) return;
      installing.addEventListener("statechange", function () {
        if (installing.state === "installed") offer(installing);
      });
    });
  }

  function register() {
    navigator.serviceWorker
      .register(new URL("sw.js", root).href, { scope: root.pathname })
      .then(watch)
      .catch(function (error) {
        console.warn("离线使用未启用：", error); // the site works as before, online
      });
    navigator.serviceWorker.ready.then(function () {
      document.documentElement.dataset.offline = "ready";
    });
  }

  var runtime = window.pyodide_runtime;
  if (runtime && !runtime.settled) {
    document.addEventListener("pyodide-runtime-settled", register, { once: true });
  } else if (document.readyState === "complete") {
    register();
  } else {
    window.addEventListener("load", register, { once: true });
  }
})(document.currentScript);
