/* 长者模式 / large text and high contrast. The head script in main.html has already set the class on <html> from the
   stored choice (before paint); this shows the header button, keeps its aria-pressed in step, and stores a change.
   The choice lives in localStorage under one key for the whole origin, so both languages share it. */
(function () {
  "use strict";
  var KEY = "plansite.largeText";
  var root = document.documentElement;

  function buttons() { return document.querySelectorAll("[data-large-text]"); }

  function sync() {
    var on = root.classList.contains("large-text");
    Array.prototype.forEach.call(buttons(), function (b) {
      b.hidden = false;
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function set(on) {
    root.classList.toggle("large-text", on);
    try {
      if (on) { localStorage.setItem(KEY, "1"); } else { localStorage.removeItem(KEY); }
    } catch (e) { /* storage refused: the choice lasts for this page only */ }
    sync();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-large-text]");
    if (button) { set(!root.classList.contains("large-text")); }
  });

  // Another tab changed the setting: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { root.classList.toggle("large-text", event.newValue === "1"); sync(); }
  });

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(sync); }
  else { sync(); }
})();
