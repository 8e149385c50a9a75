/* Redirect pages at addresses published before each plan had its own prefix (plansite/redirects.py): go to the
   page's new address at once and keep the #anchor, which the meta refresh (the no-JS fallback) would drop. */
(function () {
  "use strict";
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (!refresh) return;
  var content = refresh.getAttribute("content") || "";
  var at = content.indexOf("url=");
  if (at < 0) return;
  var target = new URL(content.slice(at + 4), window.location.href);
  target.hash = window.location.hash;
  target.search = window.location.search;
  window.location.replace(target.href);
})();
