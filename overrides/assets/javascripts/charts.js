/* Draws the site's charts. plotly.js (self-hosted) is loaded only when a page has a chart,
   and only once a chart comes near the viewport. Works with and without Material's document$. */
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
    }
    return loading;
  }

  function draw(el) {
    plotly().then(function () {
      var fig = JSON.parse(el.getAttribute("data-plotly"));
      var config = JSON.parse(el.getAttribute("data-config") || "{}");
      if (zh) { config.locale = "zh-CN"; }
      el.innerHTML = "";
      return window.Plotly.newPlot(el, fig.data, fig.layout, config);
    }).then(function () {
      el.classList.add("chart--ready");
      el.dispatchEvent(new CustomEvent("chart:ready", { bubbles: true }));
    }).catch(function () {
      el.classList.add("chart--failed");
    });
  }

  function init() {
    var charts = document.querySelectorAll(".chart[data-plotly]:not([data-drawn])");
    if (!charts.length) { return; }
    var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "300px 0px" }) : null;
    Array.prototype.forEach.call(charts, function (el) {
      el.setAttribute("data-drawn", "");
      if (observer) { observer.observe(el); } else { draw(el); }
    });
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState !== "loading") { init(); }
  else { document.addEventListener("DOMContentLoaded", init); }
})();
