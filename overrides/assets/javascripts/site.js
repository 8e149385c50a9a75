/* Small page behaviours: copy buttons of the embed panels, and the filters (the progress board by industry chain,
   the chain pages' project cards by stage). Without JavaScript the code can still be selected by hand and every
   project shows. */
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

  /* One filter for lists of cards or rows: a group of buttons with data-value narrows the items of its target
     that carry data-<attr> (aria-pressed on the buttons; a status line says how many are shown). */
  function setupGroup(group, list, attr) {
    if (!group || !list || group.getAttribute("data-ready")) { return; }
    group.setAttribute("data-ready", "");
    group.hidden = false;
    var status = group.querySelector("[data-template]");
    group.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !group.contains(button)) { return; }
      var value = button.getAttribute("data-value");
      if (value === null) { value = button.getAttribute("data-" + attr) || ""; }
      Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) {
        var on = b === button;
        b.setAttribute("aria-pressed", on ? "true" : "false");
        b.classList.toggle("md-button--primary", on);
      });
      var items = list.querySelectorAll("[data-" + attr + "]");
      var shown = 0;
      Array.prototype.forEach.call(items, function (item) {
        item.hidden = !!value && item.getAttribute("data-" + attr) !== value;
        if (!item.hidden) { shown += 1; }
      });
      if (status) {
        status.textContent = status.getAttribute("data-template")
          .replace("{n}", String(shown)).replace("{total}", String(items.length));
      }
    });
  }

  function setupFilter() {
    // the progress board: filter rows by industry chain
    setupGroup(document.querySelector(".chain-filter"), document.getElementById("project-board"), "chain");
    // chain pages: filter project cards by stage
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter-for]"), function (group) {
      setupGroup(group, document.getElementById(group.getAttribute("data-filter-for")), group.getAttribute("data-filter-attr"));
    });
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setupFilter); }
  else if (document.readyState !== "loading") { setupFilter(); }
  else { document.addEventListener("DOMContentLoaded", setupFilter); }
})();
