/* Search, two changes to Material's, made before Material's bundle runs (this script is in the page head).
   1. Load the search index only when a reader starts to search (it is half of a text page's weight).
      Material requests search/search_index.json with XMLHttpRequest as the page loads; this holds that
      one request back until the search box gets focus (click, tap, or the / and s keys), then sends it.
   2. Pages holding the whole phrase first: Material's search worker is started through
      workers/search-rank.js, which runs it unchanged and reorders its results (see there). */
(function () {
  "use strict";
  var released = false;
  var waiting = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = /search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.__searchIndex && !released) {
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };
  function release() {
    if (released) { return; }
    released = true;
    waiting.forEach(function (go) { go(); });
    waiting = [];
  }
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.classList && event.target.classList.contains("md-search__input")) { release(); }
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) { release(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" || event.key === "s" || event.key === "S" || event.key === "f" || event.key === "F") { release(); }
  });
  if (/[?&]q=/.test(location.search)) { release(); }
})();
(function () {
  "use strict";
  var Native = window.Worker;
  if (typeof Native !== "function") { return; }
  function Worker(url, options) {
    var parts = /^(.*\/workers\/)(search\.[0-9a-f]+\.min\.js)$/.exec(String(url));
    return new Native(parts ? parts[1] + "search-rank.js?material=" + parts[2] : url, options);
  }
  Worker.prototype = Native.prototype;
  window.Worker = Worker;
})();
