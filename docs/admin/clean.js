/* Clean writes (issue 12 point 3): Decap CMS 3.16 writes a cleared optional field as `field: ""` and an optional
   {zh, en} text whose boxes were left empty as `{zh: "", en: ""}`; the checker refuses both (an empty text is not
   "no text"). Before each save this drops, at every depth, every empty text and every mapping left empty, so a
   file holds only what was filled in: what the form changed and nothing else.
   Loaded before admin.js and Decap's bundle; it registers once the page is parsed, when window.CMS exists. */
(function () {
  "use strict";

  function isMap(v) { return !!(v && v["@@__IMMUTABLE_MAP__@@"]); }
  function isList(v) { return !!(v && v["@@__IMMUTABLE_LIST__@@"]); }
  function empty(v) { return v === "" || v === null || v === undefined || (isMap(v) && v.size === 0); }

  function prune(value) {
    if (isMap(value)) {
      return value.map(prune).filter(function (v) { return !empty(v); });
    }
    if (isList(value)) {
      return value.map(prune);
    }
    return value;
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.CMS || !window.CMS.registerEventListener) {
      return;
    }
    window.CMS.registerEventListener({
      name: "preSave",
      handler: function (event) { return prune(event.entry.get("data")); }
    });
  });
})();
