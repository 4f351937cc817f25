/* The checklist component's toolbar (div.pb-tools): three visible controls, Export (a menu of formats), Import JSON,
 * and More (print, clear). Files say what they are, and the page says which file it saved (p.pb-status). */
(function (kit) {
  "use strict";
  var el = kit.el, S = window.pbStore, score = window.pbScore;

  // Who answered, for a team roll-up (rollup.js): asked once, on the first JSON export, and kept under one key;
  // never required. Export > "Your name on exports" changes it.
  function me(store, ask) {
    var name = store.get("pb:respondent"), got;
    if (ask || name === undefined) {
      got = window.prompt("Your name on exports, for a team roll-up (optional):", name || "");
      name = got === null ? name || "" : S.name(got);  // cancelled: kept as it was, or no name
      store.set("pb:respondent", name);
    }
    return name || "";
  }

  // Internal edition: a JSON export safe to send to the partner, without internal items.
  function forPartner(a, internal) {
    var state = a.state, shared = { answers: {}, notes: {} }, left = 0;
    ["answers", "notes"].forEach(function (kind) {
      Object.keys(state[kind]).forEach(function (id) {
        if (internal.indexOf(id) < 0) shared[kind][id] = state[kind][id]; else if (kind === "answers") left++;
      });
    });
    var open = kit.forPartner(a.data);
    // The respondent's name goes with it, the partnership's (an internal label) does not.
    var name = kit.fileName(a.data, "", "", "json");
    kit.download(name, "application/json", kit.exportJSON(open, shared, score(open, shared.answers), { respondent: me(a.store) }));
    a.status.textContent = "Exported " + name + " for the partner, without the partnership's name: the " + internal.length +
      " internal item(s) are left out" + (left ? ", with " + left + " answer(s) and their notes." : ".");
  }

  function exportMenu(a) {
    var data = a.data, internal = [];
    function file(type, ext, body, what) {
      var name = kit.fileName(data, a.partnershipName(), "", ext);
      kit.download(name, type, body);
      a.status.textContent = "Exported " + name + ": " + data.title + (a.partnershipName() ? ", " + a.partnershipName() : "") +
        ", as of " + kit.localDay(new Date()) + "." + (what || "");
    }
    function who() { return { partnership: a.partnershipName(), respondent: me(a.store) }; }
    var entries = [["Export JSON", function () {
      file("application/json", "json", kit.exportJSON(data, a.state, score(data, a.state.answers), who()),
        kit.side() ? " It says it comes from the partner's side, so the other side can compare it with theirs." : "");
    }]];
    data.sections.forEach(function (s) { s.items.forEach(function (i) { if (i.internal) internal.push(i.id); }); });
    if (internal.length && internal.length < a.total) entries.push(["Export for partner (JSON)", function () { forPartner(a, internal); }]);
    entries.push(["Export CSV", function () { file("text/csv", "csv", kit.exportCSV(data, a.state)); }],
      ["Export Markdown", function () {
        file("text/markdown", "md", kit.exportMarkdown(data, a.state, score(data, a.state.answers), who()));
      }],
      ["Your name on exports", function () { me(a.store, true); }]);
    kit.menu(a.tools, "Export", "Export", entries);
  }

  // After a question, `next` replaces the page's answers, said in the status, with Undo: both once the page is idle
  // after the question (pbStore.later), when this tab has heard of what another tab saved while the question was open
  // (the Undo brings it back too).
  function replace(a, next, text) {
    S.later(function () {
      var snap = S.capture([a.key()]);
      a.replaceAll(next);
      S.undoable(a.status, text, snap, a.redraw);
    });
  }

  // Import JSON: a file validated (pbReadExport) replaces this page's answers, after asking, with Undo.
  function importButton(a) {
    var status = a.status;
    var file = el("input", { type: "file", accept: ".json,application/json", "class": "pb-import", id: "pb-import-" + a.data.id });
    a.tools.append(el("label", { "for": file.id, "class": "md-button" }, "Import JSON"), file);
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      window.pbReadExport(f, a.data).then(function (got) {
        file.value = "";
        if (!got.ok) { status.textContent = "Nothing was imported. " + got.errors.join(" "); return; }
        if (got.side && !kit.side()) {
          status.textContent = "Nothing was imported: the file holds the partner's answers (it was exported from the " +
            "partner edition), which are theirs, not yours. To set them against yours, use \u201cTheir export\u201d under " +
            "\u201cCompare with the other side\u201d below.";
          return;
        }
        var have = Object.keys(a.state.answers).length + Object.keys(a.state.notes).length;
        if (have && !window.confirm("Replace the " + have + " answers and notes on this page with the file's " +
          Object.keys(got.answers).length + " answers? You can undo it from the message that follows.")) {
          status.textContent = "Nothing was imported.";
          return;
        }
        replace(a, got, "Imported " + Object.keys(got.answers).length + " answers." +
          (got.unknown.length ? " Not in this version of the checklist, so left out: " + S.few(got.unknown) + "." : ""));
      });
    });
  }

  kit.part("checklist", "toolbar", function (a) {
    exportMenu(a);
    importButton(a);
    kit.menu(a.tools, "More", "More actions", [["Print", function () { window.print(); }], ["Clear answers", function () {
      if (window.confirm("Clear every answer and note on this checklist? You can undo it from the message that follows."))
        replace(a, { answers: S.dict(), notes: S.dict() }, "Answers cleared.");
    }]]);
  });
})(window.pbKit);
