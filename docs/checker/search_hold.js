// The 在线自评 page only (overrides/checker.html loads it in <head>): holds Material's
// search index request (search/search_index.json) until the checker is ready or has
// failed (checker.js calls window.__checker_search_release), or the reader turns
// to the search box, whichever comes first; see the template's comment for why.
(function () {
  var hold = true, held = [];
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  function release() {
    if (!hold) return;
    hold = false;
    XMLHttpRequest.prototype.open = open;
    XMLHttpRequest.prototype.send = send;
    document.removeEventListener("focusin", intent, true);
    document.removeEventListener("change", intent, true);
    held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }
  function intent(event) {
    var target = event.target;
    if (target && target.getAttribute && (target.id === "__search" || target.getAttribute("data-md-component") === "search-query")) release();
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      this.__checker_search = /\/search\/search_index\.json$/.test(new URL(String(url), document.baseURI).pathname);
    } catch (error) {
      this.__checker_search = false;
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (hold && this.__checker_search) held.push([this, arguments]);
    else return send.apply(this, arguments);
  };
  document.addEventListener("focusin", intent, true);
  document.addEventListener("change", intent, true);
  setTimeout(release, 30000); /* a backstop: search never stays off for long */
  window.__checker_search_release = release;
})();
