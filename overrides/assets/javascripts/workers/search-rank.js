/* Material's own search worker, with pages that hold the whole query first.
   lazy-search.js starts this file in place of Material's worker and names that worker in ?material=; it is
   loaded here unchanged (same folder, so its ../lunr look-ups still resolve). Material ranks each word on its own
   (lunr), so a page with one word of "science and technology innovation" can come before a page with the phrase.
   This wrapper watches the messages: it keeps the text of every page from the index Material sends at setup, notes
   each query, and before a result goes back it moves the pages holding the whole query (a phrase of two or more
   words, or a Chinese term of two or more characters) ahead of the others, keeping Material's order within each
   part and within each page.
   The Chinese index marks the shorter words it adds inside longer ones (U+2060, plansite/search.py): they are
   dropped to read the text as written, and dropped from the teasers shown, where a matched shorter word
   highlights the word it was found in. */
(function () {
  "use strict";
  var SUBWORD = "\u2060";
  var SETUP = 0, QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var name = /[?&]material=(search\.[0-9a-f]+\.min\.js)(?:&|$)/.exec(self.location.search);
  if (!name) { throw new Error("search-rank.js: which Material worker to run is not named"); }

  var pages = Object.create(null); // page location -> plain text of each of its documents
  var queries = [];

  /* Marked shorter words out; a highlight on one moves to the word it was found in. */
  function tidy(html) {
    if (typeof html !== "string" || html.indexOf(SUBWORD) < 0) { return html; }
    return html.replace(/(?:\u2060[^\u200b]*\u200b)+([^\u200b]*)/g, function (all, word) {
      var subwords = all.slice(0, all.length - word.length);
      return subwords.indexOf("<mark") >= 0 && word.indexOf("<mark") < 0 ? "<mark>" + word + "</mark>" : word;
    });
  }

  /* Text as a reader would search it: no tags or marks, one space for any run of spaces and hyphens, none
     between Chinese characters, lower case. tests/test_search_browser.py reads the pages the same way. */
  function plain(text) {
    return String(text || "")
      .replace(/\u2060[^\u200b]*/g, "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&nbsp;/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
      .replace(/&#39;/g, "'").replace(/&amp;/g, "&")
      .replace(/[\u200b\u00ad]/g, "")
      .replace(/[\s\-]+/g, " ")
      .replace(/ ?([\u2e80-\u9fff\uff00-\uffef]) ?/g, "$1")
      .toLowerCase()
      .trim();
  }

  function page(location) { return String(location).split("#")[0]; }

  function learn(docs) {
    pages = Object.create(null);
    docs.forEach(function (doc) {
      var key = page(doc.location);
      (pages[key] = pages[key] || []).push(plain(doc.title) + "\n" + plain(doc.text));
    });
  }

  /* The query as a phrase, or "" when there is nothing to put first (one English word, one character). */
  function phrase(query) {
    var text = plain(String(query || "").replace(/["+*~^]|(^|\s)-/g, " "));
    return text.indexOf(" ") > 0 || /[\u3400-\u9fff]{2}/.test(text) ? text : "";
  }

  function holds(text, words) { return text.indexOf(words) >= 0; }

  function rank(items, words) {
    var first = [], rest = [];
    items.forEach(function (group) {
      group.forEach(function (doc) { doc.title = tidy(doc.title); doc.text = tidy(doc.text); });
      if (!words || !group.length) { rest.push(group); return; }
      var texts = pages[page(group[0].location)] || [];
      (texts.some(function (text) { return holds(text, words); }) ? first : rest).push(group);
    });
    return first.concat(rest);
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP && message.data && message.data.docs) { learn(message.data.docs); }
    else if (message.type === QUERY) { queries.push(message.data); }
  });

  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT) {
      var words = phrase(queries.shift());
      if (message.data && message.data.items) { message.data.items = rank(message.data.items, words); }
    }
    return post.apply(self, arguments);
  };

  importScripts(name[1]);
})();
