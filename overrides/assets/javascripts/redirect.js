/* Redirect pages at addresses published before each plan had its own prefix (plansite/redirects.py): go to the
   page's new address at once and keep the #anchor (and ?query). Without JavaScript the <noscript> meta refresh goes
   there instead, without the anchor; the visible link is there for everyone. */
(function () {
  "use strict";
  var script = document.currentScript;
  var to = script && script.getAttribute("data-target");
  if (!to) return;
  var target = new URL(to, window.location.href);
  target.hash = window.location.hash;
  target.search = window.location.search;
  window.location.replace(target.href);
})();
