/* For pages that embed our charts: resize each chart iframe to the height it reports.
   Include once per page: <script src=".../assets/javascripts/embed-host.js" async></script> */
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "tianmen-sti-chart-height" || typeof data.height !== "number") { return; }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(120, Math.min(data.height, 4000)) + "px";
      }
    }
  });
})();
