/* Small page behaviours: copy buttons of the embed panels, and the industry-chain filter of the progress board.
   Without JavaScript the code can still be selected by hand and the board shows every project. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) { return; }
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    field.select();
    var done = function () { button.textContent = button.getAttribute("data-copied"); };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
    } else { document.execCommand("copy"); done(); }
  });

  function setupFilter() {
    var group = document.querySelector(".chain-filter");
    var board = document.getElementById("project-board");
    if (!group || !board || group.getAttribute("data-ready")) { return; }
    group.setAttribute("data-ready", "");
    group.hidden = false;
    group.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-chain]");
      if (!button) { return; }
      var chain = button.getAttribute("data-chain");
      Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) {
        var on = b === button;
        b.setAttribute("aria-pressed", on ? "true" : "false");
        b.classList.toggle("md-button--primary", on);
      });
      Array.prototype.forEach.call(board.querySelectorAll("tbody tr"), function (row) {
        row.hidden = !!chain && row.getAttribute("data-chain") !== chain;
      });
    });
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setupFilter); }
  else if (document.readyState !== "loading") { setupFilter(); }
  else { document.addEventListener("DOMContentLoaded", setupFilter); }
})();
