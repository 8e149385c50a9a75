/* Clean writes (issue 12 point 3): Decap CMS 3.16 writes a cleared optional field as `field: ""`, an untouched
   optional date as `date: ""` (its default), and an optional {zh, en} text whose boxes were left empty as
   `{zh: ""}`; the checker refuses them all (an empty text is not "no text"). Before each save this drops, at every
   depth, every empty text and every mapping left empty, so a file holds only what was filled in.
   Loaded before admin.js and Decap's bundle; it registers once the page is parsed, when window.CMS exists.
   tests/tools/decap_format.mjs runs the same prune() in node, on plain objects, to compare bytes. */
(function (root) {
  "use strict";

  function isMap(v) { return !!(v && v["@@__IMMUTABLE_MAP__@@"]); }
  function isList(v) { return !!(v && v["@@__IMMUTABLE_LIST__@@"]); }
  function isPlain(v) { return Object.prototype.toString.call(v) === "[object Object]" && !isMap(v) && !isList(v); }

  function empty(v) {
    return v === "" || v === null || v === undefined || (isMap(v) && v.size === 0) ||
      (isPlain(v) && Object.keys(v).length === 0);
  }

  function prune(value) {
    if (isMap(value)) {
      return value.map(prune).filter(function (v) { return !empty(v); });
    }
    if (isList(value)) {
      return value.map(prune);
    }
    if (Array.isArray(value)) {
      return value.map(prune);
    }
    if (isPlain(value)) {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var v = prune(value[k]);
        if (!empty(v)) { out[k] = v; }
      });
      return out;
    }
    return value;
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { prune: prune };
    return;
  }
  root.document.addEventListener("DOMContentLoaded", function () {
    if (!root.CMS || !root.CMS.registerEventListener) {
      return;
    }
    root.CMS.registerEventListener({
      name: "preSave",
      handler: function (event) { return prune(event.entry.get("data")); }
    });
  });
})(typeof window !== "undefined" ? window : this);
