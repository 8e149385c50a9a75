/* Static first, interactive on request. Every chart is an image drawn at build time from its plotly figure;
   plotly.js (self-hosted) and its zh locale load only when a reader asks: a click or tap on the image, or the
   "交互图表 / Interactive chart" button. Never on load or scroll. The interactive chart is drawn over the image,
   in the box the image holds (the image stays, hidden, so the box keeps its size: no jump; it is what prints).
   Works with and without Material's document$ (embed pages have none). */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var base = here ? here.replace(/charts\.js(\?.*)?$/, "") : "";
  var PLOTLY = base + "vendor/plotly-basic-4.1.1.min.js";
  var LOCALE = base + "vendor/plotly-locale-zh-cn-4.1.1.js";
  var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
  var loading = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function plotly() {
    if (!loading) {
      loading = load(PLOTLY).then(function () { return zh ? load(LOCALE) : null; });
      loading.catch(function () { loading = null; });  // a failed load may be asked for again
    }
    return loading;
  }

  function parts(box) {
    var figure = box.closest(".chart-figure") || box.parentNode;
    return {
      button: figure.querySelector(".chart__open"),
      status: figure.querySelector(".chart__status"),
      image: box.querySelector("img")
    };
  }

  function say(status, key) {
    if (status) { status.textContent = key ? status.getAttribute("data-" + key) || "" : ""; }
  }

  function draw(box) {
    if (box.hasAttribute("data-drawing")) { return; }
    box.setAttribute("data-drawing", "");
    var p = parts(box);
    var live = document.createElement("div");
    live.className = "chart__live";
    live.setAttribute("role", "img");
    live.setAttribute("tabindex", "-1");
    if (p.image) { live.setAttribute("aria-label", p.image.getAttribute("alt") || ""); }
    box.setAttribute("aria-busy", "true");
    say(p.status, "loading");
    plotly().then(function () {
      var fig = JSON.parse(box.getAttribute("data-plotly"));
      var config = JSON.parse(box.getAttribute("data-config") || "{}");
      if (zh) { config.locale = "zh-CN"; }
      config.responsive = true;
      delete fig.layout.width;   // the box the image holds decides the size
      delete fig.layout.height;
      fig.layout.autosize = true;
      box.appendChild(live);
      return window.Plotly.newPlot(live, fig.data, fig.layout, config);
    }).then(function () {
      box.classList.add("chart--ready");
      box.removeAttribute("aria-busy");
      if (p.button) {
        var focused = document.activeElement === p.button;
        p.button.hidden = true;
        if (focused) { live.focus({ preventScroll: true }); }
      }
      say(p.status, "ready");
      box.dispatchEvent(new CustomEvent("chart:ready", { bubbles: true }));
    }).catch(function () {
      if (live.parentNode) { live.parentNode.removeChild(live); }
      box.removeAttribute("data-drawing");
      box.removeAttribute("aria-busy");
      box.classList.add("chart--failed");
      say(p.status, "failed");
    });
  }

  function init() {
    var boxes = document.querySelectorAll(".chart[data-plotly]:not([data-ready-to-ask])");
    Array.prototype.forEach.call(boxes, function (box) {
      box.setAttribute("data-ready-to-ask", "");
      var p = parts(box);
      box.addEventListener("click", function () { if (!box.classList.contains("chart--ready")) { draw(box); } });
      if (p.button) {
        p.button.hidden = false;
        p.button.addEventListener("click", function () { draw(box); });
      }
    });
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState !== "loading") { init(); }
  else { document.addEventListener("DOMContentLoaded", init); }
})();
