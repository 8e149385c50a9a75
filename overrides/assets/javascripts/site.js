/* Small page behaviours: copy buttons of the embed panels and of the data ids, and the filters (the progress board
   by industry chain, the chain pages' project cards by stage). Without JavaScript the code and the ids can still be
   selected by hand and every project shows. */
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

  /* Data ids (<span class="data-id">, templates/_macros.j2): each gets a real button that copies exactly the id.
     The buttons are made here, so without JavaScript the id is plain selectable text and no dead button shows; the
     page's one status line (templates/_front.md.j2) carries their wording in the page's language and announces the
     copy politely. One delegated click handler serves every button (a plan page has up to ~60). */
  var ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11v14z"/></svg>';

  function setupIds() {
    var status = document.querySelector("[data-id-status]");
    if (!status) { return; }
    var label = status.getAttribute("data-label");
    Array.prototype.forEach.call(document.querySelectorAll(".data-id"), function (box) {
      var code = box.querySelector(".data-id__code");
      if (!code || box.querySelector(".data-id__copy")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "data-id__copy";
      button.setAttribute("data-copy-id", code.textContent);
      button.setAttribute("aria-label", label.replace("{id}", code.textContent));
      button.innerHTML = ICON;
      box.appendChild(button);
      /* the button's name says the id: a screen reader hears it once, not the text and then the button */
      Array.prototype.forEach.call(box.querySelectorAll(".data-id__label, .data-id__code"), function (part) {
        part.setAttribute("aria-hidden", "true");
      });
    });
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) { return navigator.clipboard.writeText(text); }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "visually-hidden";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(field);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  var doneTimer = null;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy-id]");
    var status = document.querySelector("[data-id-status]");
    if (!button || !status) { return; }
    var copied = status.getAttribute("data-copied");
    copyText(button.getAttribute("data-copy-id")).then(function () {
      Array.prototype.forEach.call(document.querySelectorAll("[data-copy-id][data-done]"), function (b) {
        b.removeAttribute("data-done");
      });
      button.setAttribute("data-done", copied);   // shown beside the icon (site.css)
      status.textContent = "";                     // emptied first, so that copying again is announced again
      window.setTimeout(function () { status.textContent = copied; }, 50);
      window.clearTimeout(doneTimer);
      doneTimer = window.setTimeout(function () {
        button.removeAttribute("data-done");
        status.textContent = "";
      }, 2500);
    }, function () { /* no clipboard: the id stays selectable by hand */ });
  });

  function setup() { setupFilter(); setupIds(); }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
