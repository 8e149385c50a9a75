/* Inside an embedded chart: tell the host page our height so its iframe can fit us (see embed-host.js). */
(function () {
  "use strict";
  var id = document.documentElement.getAttribute("data-chart-id");
  function post() {
    if (window.parent === window) { return; }
    window.parent.postMessage({ type: "tianmen-sti-chart-height", id: id,
      height: Math.ceil(document.documentElement.getBoundingClientRect().height) }, "*");
  }
  window.addEventListener("load", post);
  document.addEventListener("chart:ready", post);
  if ("ResizeObserver" in window) { new ResizeObserver(post).observe(document.documentElement); }
  post();
})();
