/* Report behaviour: filters, keyboard navigation, review verdicts (localStorage + JSON export).
   Vendored and inlined; never uses innerHTML - every value goes through textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  // verdicts are saved per output directory: every file:// report shares one storage origin
  var LEGACY_KEY = "zh-pipeline-review/v1";
  var STORE_KEY = LEGACY_KEY + "/" + (data.output || "");
  var topicsByLabel = {};
  data.topics.forEach(function (t) { topicsByLabel[t.label] = t; });
  var articlesById = {};
  data.articles.forEach(function (a) { articlesById[a.id] = a; });
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var $ = function (id) { return document.getElementById(id); };

  // ------------------------------------------------------------ state
  function load() {
    try {
      var s = JSON.parse(window.localStorage.getItem(STORE_KEY) || "{}");
      if (s && typeof s === "object") {
        s.verdicts = s.verdicts && typeof s.verdicts === "object" ? s.verdicts : {};
        s.reviewer = typeof s.reviewer === "string" ? s.reviewer : "";
        return s;
      }
    } catch (e) { /* corrupt or unavailable storage: start empty */ }
    return { reviewer: "", verdicts: {} };
  }
  var state = load();
  // verdicts saved before they were kept per output directory: those on this report's articles move here
  (function adoptLegacy() {
    try {
      var old = JSON.parse(window.localStorage.getItem(LEGACY_KEY) || "null");
      if (!old || typeof old !== "object" || !old.verdicts || typeof old.verdicts !== "object") { return; }
      var moved = 0;
      Object.keys(old.verdicts).forEach(function (k) {
        var v = old.verdicts[k];
        if (v && articlesById[v.article_id] && !state.verdicts[k]) {
          state.verdicts[k] = v;
          delete old.verdicts[k];
          moved += 1;
        }
      });
      if (!state.reviewer && typeof old.reviewer === "string") { state.reviewer = old.reviewer; }
      if (Object.keys(old.verdicts).length) { window.localStorage.setItem(LEGACY_KEY, JSON.stringify(old)); }
      else { window.localStorage.removeItem(LEGACY_KEY); }
      if (moved) { window.localStorage.setItem(STORE_KEY, JSON.stringify(state)); }
    } catch (e) { /* unavailable storage: nothing to adopt */ }
  })();
  // decisions already imported into the reviews store (when this report was built)
  var stored = {};
  (data.stored || []).forEach(function (v) { stored[v.article_id + "\u0000" + v.label] = v; });
  // the store keeps a verdict's time to the second in its own form, and the reviewer's name redacted
  function sameSecond(a, b) {
    var x = Date.parse(a), y = Date.parse(b);
    return a === b || (!isNaN(x) && !isNaN(y) && Math.floor(x / 1000) === Math.floor(y / 1000));
  }
  function forgetImported() {
    var n = 0;
    Object.keys(state.verdicts).forEach(function (k) {
      var v = state.verdicts[k], s = stored[k];
      if (s && s.verdict === v.verdict && sameSecond(s.at, v.at)) {
        delete state.verdicts[k];
        n += 1;
      }
    });
    if (n) { save(); }
    return n;
  }
  function save() {
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(state)); }
    catch (e) { setStatus("Could not save to this browser's storage: export now.", true); }
  }
  function key(id, label) { return id + "\u0000" + label; }
  function verdictOf(id, label) { var v = state.verdicts[key(id, label)]; return v ? v.verdict : null; }

  function setStatus(msg, isErr) {
    var el = $("status");
    el.textContent = msg;
    el.className = "status" + (isErr ? " err" : "");
  }
  function countVerdicts() {
    var n = Object.keys(state.verdicts).length;
    $("verdict-count").textContent = n + (n === 1 ? " verdict" : " verdicts");
  }
  var NAME_FIRST = "Enter your name as reviewer first.";
  function reviewerName() {
    var name = $("reviewer").value.trim();
    if (!name) {
      setStatus(NAME_FIRST, true);
      $("reviewer").focus();
      return null;
    }
    return name;
  }
  function setVerdict(id, label, verdict) {
    var k = key(id, label);
    if (verdict === null) { delete state.verdicts[k]; }
    else {
      var name = reviewerName();
      if (!name) { return false; }
      state.verdicts[k] = { article_id: id, label: label, verdict: verdict, reviewer: name, at: new Date().toISOString() };
    }
    save();
    countVerdicts();
    return true;
  }

  // ------------------------------------------------------------ rendering of verdicts
  function paintCard(card) {
    var id = card.dataset.id;
    var tagged = {};
    card.querySelectorAll(".tag[data-label]").forEach(function (tag) {
      tagged[tag.dataset.label] = true;
      var v = verdictOf(id, tag.dataset.label);
      if (v === "missing") { v = "correct"; }  // a reviewer-added tag confirmed again
      tag.classList.toggle("v-is-correct", v === "correct");
      tag.classList.toggle("v-is-wrong", v === "wrong");
      tag.querySelectorAll("button.v").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.dataset.verdict === v));
      });
    });
    card.querySelectorAll("button.near-add").forEach(function (b) {
      b.hidden = verdictOf(id, b.dataset.label) === "missing";
    });
    var list = card.querySelector(".missing-list");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    Object.keys(state.verdicts).forEach(function (k) {
      var v = state.verdicts[k];
      if (v.article_id !== id || v.verdict !== "missing" || tagged[v.label]) { return; }
      var chip = document.createElement("span");
      chip.className = "missing-chip";
      var t = topicsByLabel[v.label];
      chip.appendChild(document.createTextNode("+ " + (t ? t.name + " (" + v.label + ")" : v.label)));
      var rm = document.createElement("button");
      rm.type = "button";
      rm.textContent = "×";
      rm.setAttribute("aria-label", "Remove missing tag " + v.label);
      rm.addEventListener("click", function () { setVerdict(id, v.label, null); paintCard(card); applyFilters(); });
      chip.appendChild(rm);
      list.appendChild(chip);
    });
  }

  function reviewedAll(card) {
    var tags = card.querySelectorAll(".tag[data-label]");
    if (!tags.length) { return false; }
    return Array.prototype.every.call(tags, function (t) {
      return verdictOf(card.dataset.id, t.dataset.label) || stored[key(card.dataset.id, t.dataset.label)];
    });
  }

  // ------------------------------------------------------------ filters
  // a query typed in Traditional script or full width finds the report's Simplified, normalised text
  var folds = {};
  try { folds = JSON.parse(($("search-folds") || {}).textContent || "{}"); } catch (e) { folds = {}; }
  function fold(text) {
    var s = String(text).normalize ? String(text).normalize("NFKC") : String(text);
    var out = "";
    for (var i = 0; i < s.length; i += 1) { out += folds[s.charAt(i)] || s.charAt(i); }
    return out.toLowerCase();
  }
  var searchCache = {};
  function searchText(card) {
    var id = card.dataset.id;
    if (!(id in searchCache)) {
      var parts = [id];
      card.querySelectorAll("header, .tname, .evidence, .extra, .clean").forEach(function (el) { parts.push(el.textContent); });
      searchCache[id] = fold(parts.join(" "));
    }
    return searchCache[id];
  }
  function num(el, dflt) { var v = parseFloat(el.value); return isNaN(v) ? dflt : v; }
  // an article's score: the filtered topic's, else its highest
  function scoreOf(a, topic) {
    if (topic) { return a.scores[topic] || 0; }
    var score = 0;
    Object.keys(a.scores).forEach(function (l) { score = Math.max(score, a.scores[l]); });
    return score;
  }
  var pageOrder = cards.slice();  // as rendered: nearest a threshold first
  function sortCards(topic) {
    var how = $("f-sort").value;
    var keyed = pageOrder.map(function (card, i) {
      var a = articlesById[card.dataset.id] || { scores: {}, site: "" };
      return { card: card, i: i, score: scoreOf(a, topic), site: a.site || "\uffff" };
    });
    keyed.sort(function (x, y) {
      if (how === "score-desc" && x.score !== y.score) { return y.score - x.score; }
      if (how === "score-asc" && x.score !== y.score) { return x.score - y.score; }
      if (how === "site" && x.site !== y.site) { return x.site < y.site ? -1 : 1; }
      return x.i - y.i;
    });
    var cur = cards[current];
    cards = keyed.map(function (k) { return k.card; });
    cards.forEach(function (card) { card.parentNode.appendChild(card); });
    current = cur ? cards.indexOf(cur) : -1;
  }
  function applyFilters() {
    var q = fold($("f-search").value.trim());
    var topic = $("f-topic").value;
    sortCards(topic);
    var site = $("f-site").value;
    var lo = num($("f-min"), 0), hi = num($("f-max"), Infinity);
    var unreviewed = $("f-unreviewed").checked;
    var shown = 0;
    cards.forEach(function (card) {
      var a = articlesById[card.dataset.id] || { assigned: [], scores: {}, site: "" };
      var ok = true;
      if (topic) { ok = a.assigned.indexOf(topic) >= 0 || verdictOf(a.id, topic) === "missing"; }
      if (ok && site) { ok = a.site === site; }
      if (ok) {
        var score = scoreOf(a, topic);
        ok = score >= lo - 1e-9 && score <= hi + 1e-9;
      }
      if (ok && unreviewed) { ok = !reviewedAll(card); }
      if (ok && q) { ok = searchText(card).indexOf(q) >= 0; }
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    $("f-count").textContent = shown + " of " + cards.length + " articles";
    $("no-match").hidden = shown > 0 || cards.length === 0;
  }

  // ------------------------------------------------------------ export
  function exportVerdicts() {
    var name = $("reviewer").value.trim();
    var list = Object.keys(state.verdicts).map(function (k) { return state.verdicts[k]; });
    list.sort(function (a, b) { return (a.article_id + a.label) < (b.article_id + b.label) ? -1 : 1; });
    if (!list.length) { setStatus("No verdicts to export yet.", true); return; }
    var payload = { reviewer: name || list[0].reviewer, exported_at: new Date().toISOString(), verdicts: list };
    var text = JSON.stringify(payload, null, 1);
    $("export-json").value = text;
    var stamp = payload.exported_at.replace(/[:.]/g, "-");
    var blob = new Blob([text], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "verdicts-" + stamp + ".json";  // never the reviewer's name: it may be personal data
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    setStatus("Exported " + list.length + " verdict(s) as " + a.download + ". Import with: pipeline review import FILE");
  }

  // ------------------------------------------------------------ keyboard
  var current = -1;
  function visibleCards() { return cards.filter(function (c) { return !c.hidden; }); }
  function focusCard(card) {
    cards.forEach(function (c) { c.classList.remove("current"); });
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "start", behavior: "auto" });
    current = cards.indexOf(card);
  }
  function move(step) {
    var vis = visibleCards();
    if (!vis.length) { return; }
    var cur = cards[current];
    var i = vis.indexOf(cur);
    i = i < 0 ? (step > 0 ? 0 : vis.length - 1) : Math.min(vis.length - 1, Math.max(0, i + step));
    focusCard(vis[i]);
  }
  function markNext(verdict) {
    var card = cards[current];
    if (!card || card.hidden) { return; }
    var tags = card.querySelectorAll(".tag[data-label]");
    if (!tags.length) {
      setStatus("This article has no tags to judge; add a missing one with the topic list below it.", false);
      return;
    }
    for (var i = 0; i < tags.length; i += 1) {
      if (!verdictOf(card.dataset.id, tags[i].dataset.label)) {
        if (verdict === "correct" && tags[i].dataset.modelAssigned === "0") { verdict = "missing"; }
        if (setVerdict(card.dataset.id, tags[i].dataset.label, verdict)) { paintCard(card); }
        return;
      }
    }
    setStatus("Every tag of this article has a verdict.", false);
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var t = ev.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
    if (ev.key === "Escape" && typing) { ev.preventDefault(); t.blur(); return; }  // keep the query, leave the field
    if (typing) { return; }
    if (ev.key === "/") { ev.preventDefault(); $("f-search").focus(); $("f-search").select(); }
    else if (ev.key === "j") { ev.preventDefault(); move(1); }
    else if (ev.key === "k") { ev.preventDefault(); move(-1); }
    // the key is ours: when a verdict needs a reviewer name, the name field takes the focus and must not get the key
    else if (ev.key === "c") { ev.preventDefault(); markNext("correct"); applyFilters(); }
    else if (ev.key === "w") { ev.preventDefault(); markNext("wrong"); applyFilters(); }
    else if (ev.key === "o" && cards[current]) {
      ev.preventDefault();
      var d = cards[current].querySelector("details.rawclean");
      if (d) { d.open = !d.open; }
    }
  });

  // ------------------------------------------------------------ wiring
  $("reviewer").value = state.reviewer;
  $("reviewer").addEventListener("input", function () {
    state.reviewer = this.value.trim();
    save();
    if (state.reviewer && $("status").textContent === NAME_FIRST) { setStatus(""); }  // the request is met
  });
  cards.forEach(function (card) {
    var id = card.dataset.id;
    card.querySelectorAll(".tag[data-label]").forEach(function (tag) {
      tag.querySelectorAll("button.v").forEach(function (b) {
        b.addEventListener("click", function () {
          // the model did not assign this tag (a reviewer did): confirming it means the model missed it
          var verdict = b.dataset.verdict === "correct" && tag.dataset.modelAssigned === "0" ? "missing" : b.dataset.verdict;
          var same = verdictOf(id, tag.dataset.label) === verdict;
          setVerdict(id, tag.dataset.label, same ? null : verdict);
          paintCard(card);
          current = cards.indexOf(card);
        });
      });
    });
    var sel = card.querySelector(".add-select");
    card.querySelector(".add-btn").addEventListener("click", function () {
      if (!sel.value) { setStatus("Choose the missing topic first.", true); sel.focus(); return; }
      if (setVerdict(id, sel.value, "missing")) { sel.value = ""; paintCard(card); }
    });
    card.querySelectorAll("button.near-add").forEach(function (b) {
      b.addEventListener("click", function () {
        if (setVerdict(id, b.dataset.label, "missing")) { paintCard(card); }
      });
    });
    card.addEventListener("focusin", function () { current = cards.indexOf(card); });
    paintCard(card);
  });
  ["f-search", "f-topic", "f-site", "f-sort", "f-min", "f-max", "f-unreviewed"].forEach(function (id) {
    $(id).addEventListener("input", applyFilters);
    $(id).addEventListener("change", applyFilters);
  });
  $("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });
  $("filters").addEventListener("reset", function () { setTimeout(applyFilters, 0); });
  document.querySelectorAll("[data-filter-topic]").forEach(function (b) {
    b.addEventListener("click", function () {
      $("f-topic").value = b.dataset.filterTopic;
      applyFilters();
      $("review").scrollIntoView({ block: "start" });
      $("f-topic").focus();
    });
  });
  $("export-btn").addEventListener("click", exportVerdicts);
  $("clear-btn").addEventListener("click", function () {
    if (!Object.keys(state.verdicts).length) { return; }
    if (window.confirm("Forget all verdicts saved in this browser? Export them first if you need them.")) {
      state.verdicts = {};
      save();
      cards.forEach(paintCard);
      countVerdicts();
      applyFilters();
      setStatus("Saved verdicts cleared.");
    }
  });
  var imported = forgetImported();
  cards.forEach(paintCard);
  if (imported) { setStatus(imported + " verdict(s) saved here were already imported and have been cleared."); }
  countVerdicts();
  applyFilters();
})();
