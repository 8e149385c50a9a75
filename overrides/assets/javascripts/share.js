/* Share panel (overrides/partials/share.html): show the copy button once JavaScript can copy (site.js does the
   copying, as for the embed code), and the share button only where the browser has a system share sheet.
   Without JavaScript the QR code and the selectable address remain. */
(function () {
  "use strict";

  function setup() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), function (panel) {
      var copy = panel.querySelector("[data-copy]");
      if (copy) { copy.hidden = false; }
      var native = panel.querySelector("[data-share-native]");
      if (native) { native.hidden = typeof navigator.share !== "function"; }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-share-native]");
    if (!button || typeof navigator.share !== "function") { return; }
    var panel = button.closest("[data-share]");
    var field = panel && panel.querySelector(".share__url");
    if (!field) { return; }
    navigator.share({ title: document.title, url: field.value }).catch(function () { /* closed by the reader */ });
  });

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
