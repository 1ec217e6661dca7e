// Material's inline <head> script (partials/javascripts/base.html), as a file: the
// site's Content-Security-Policy allows no inline script (overrides/partials/
// javascripts/base.html loads this in its place). Same code, same globals, read by
// Material's bundle: the scope of its local storage and two helpers around it.
(function (script) {
  window.__md_scope = new URL(script.getAttribute("data-scope"), location);
  window.__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
  window.__md_get = (e, _ = localStorage, t = window.__md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
  window.__md_set = (e, _, t = localStorage, a = window.__md_scope) => {
    try {
      t.setItem(a.pathname + "." + e, JSON.stringify(_));
    } catch (e) {
      // storage full or disabled: Material works without it
    }
  };
})(document.currentScript);
