/* Partnership Playbook: the team roll-up on the portfolio board (issue 11), the component's mount.
 *
 * Builds on portfolio.js (element.pbPortfolio and the pb:portfolio-mounted event) and on playbook.js:
 * window.pbReadExport validates every file exactly as the checklist pages do, window.pbScore scores it
 * with the one rule. Files are untrusted: names from them are shown only as text, a rejected file is
 * listed with its reason and changes nothing, and nothing is kept until "Save this roll-up" (pb:rollup).
 * At build time macros/build/join.py joins the component's parts (rollup/*.js: the arithmetic, the controls, the
 * grid and agenda, the respondents, the files) in front of this file: the page still loads one rollup.js. The
 * parts share one object (`r`) and run in the order they were joined, each adding its elements and its redraws.
 */
(function (kit) {
  "use strict";

  // The portfolio page loads this file itself, so instant navigation may run it again: mount, nothing more.
  if (window.pbRollup) { window.pbRollup.mountAll(); return; }

  var KEY = "pb:rollup", FORMAT = "partnership-playbook/rollup", THRESHOLD = 25;

  // What the parts share: the board, the store, the files rolled up (r.entries), the threshold, whether the roll-up
  // on screen differs from the saved one (r.dirty), reading the saved one, and drawing everything (r.draws).
  function shared(node) {
    var el = kit.el, api = node.pbPortfolio;
    var r = { node: node, api: api, checklists: api.data.checklists, store: api.store === undefined ? kit.storage() : api.store,
      KEY: KEY, FORMAT: FORMAT, THRESHOLD: THRESHOLD, entries: [], threshold: THRESHOLD, dirty: false, dropped: 0, draws: [] };
    r.root = el("section", { "class": "pb-rollup", "aria-labelledby": "pb-rollup-title" });
    r.root.append(el("h2", { id: "pb-rollup-title" }, "Team roll-up"),
      el("p", { "class": "pb-rollup__intro" }, "Roll up the assessment exports your colleagues send you: choose several JSON files at once, " +
        "or drop them on the board. For each partnership and checklist you see the median score, the range " +
        "and how many people answered. Nothing is kept until you save the roll-up."));
    r.read = function () {
      var v = r.store ? r.store.get(KEY) : undefined;
      return v === undefined ? null : v;
    };
    // The saved roll-up, each file validated again (the checklists may have changed since); whether there was one.
    r.loadSaved = function () {
      var raw = r.read();
      r.entries = [];
      r.dropped = 0;
      r.threshold = THRESHOLD;
      if (!raw || raw.format !== FORMAT || !Array.isArray(raw.files)) return raw !== null;
      raw.files.forEach(function (f) {
        var got = window.pbParseExport(JSON.stringify(f && f.export), r.checklists);
        if (got.ok) r.add(r.entries, { name: String(f.name).slice(0, 200), got: got, of: typeof f.of === "string" ? f.of.slice(0, 80) : "" });
        else r.dropped++;
      });
      if (typeof raw.threshold === "number" && raw.threshold >= 0) r.threshold = raw.threshold;
      return true;
    };
    // A table with its header row in a thead (returns the tbody the rows go in); a table in a box of its own that
    // scrolls on a narrow screen and can be scrolled from the keyboard.
    r.table = function (t, head) {
      var thead = el("thead"), tbody = el("tbody");
      thead.append(head);
      t.append(thead, tbody);
      return tbody;
    };
    r.scroll = function (t, id, caption) {
      var box = el("div", { "class": "pb-rollup__scroll", tabindex: "0", role: "region", "aria-labelledby": id });
      t.prepend(el("caption", { id: id }, caption));
      box.append(t);
      return box;
    };
    // Every part redraws from the rows (partnerships) and the checklists that have a file.
    r.draw = function () {
      var rows = r.rollup(r.entries, r.threshold), used = r.checklists.filter(function (d) {
        return rows.some(function (row) { return row.cells[d.id]; });
      });
      r.root.classList.toggle("pb-rollup--empty", !rows.length);  // not printed with the board when empty
      r.draws.forEach(function (draw) { draw(rows, used); });
    };
    return r;
  }

  function mount(node) {
    var r = shared(node);
    kit.runParts("rollup", r);
    // Another tab saved or deleted a roll-up: follow it, unless this tab shows files not saved yet.
    kit.watch(r.root, function (e) {
      if ((e.key !== KEY && e.key !== null) || r.dirty) return;
      r.loadSaved();
      r.draw();
      r.say(r.entries.length ? "Showing the roll-up another tab saved (" + r.nFiles(r.entries.length) + ")."
        : "Another tab deleted the saved roll-up.");
    });
    node.append(r.root);
    var had = r.loadSaved();
    r.draw();
    if (had) r.say("Showing the roll-up saved in this browser" + (r.entries.length ? " (" + r.nFiles(r.entries.length) + ")" : "") + "." +
      (r.dropped ? " Left out: " + r.nFiles(r.dropped) + " that no longer pass the checks of this playbook." : ""));
    if (!r.store) r.say("Your browser is not letting this page store data, so a roll-up cannot be saved.");
  }

  function mountAll() {
    if (!kit) return;  // playbook.js did not load: the plain page stays
    kit.mountEach("[data-pb-portfolio]", "data-pb-rollup", mount,
      "The team roll-up could not start; the board still works.", function (node) { return node.pbPortfolio; });
  }

  window.pbRollup = { mountAll: mountAll };
  document.addEventListener("pb:portfolio-mounted", mountAll);
  mountAll();
})(window.pbKit);
