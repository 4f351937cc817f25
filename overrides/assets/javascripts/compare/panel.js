/* Partnership Playbook: the comparison component's panel: several partnerships, two sides of one assessment, history.
 *
 * Builds on the checklist component (form.pbAssessment, window.pbScore, pbReadExport); mounted once per checklist
 * form once that is mounted. Its parts share one object (`c`) and run in the order they were joined. The first load
 * (playbook.js) holds the partnership bar (compare/partnerships.js, above the first item) and this panel,
 * details.pb-compare, folded; what is inside it (compare/sides.js, compare/history.js) ships as compare.js, loaded
 * by a script element the first time the panel opens (by the reader, or by itself once there are two partnerships
 * or a snapshot), so a checklist page's first load stays within its 16 KB budget (issues 21 and 24). Loaded once
 * per browser page; from then on every panel gets its contents at mount (compare.js calls c.more on each).
 * A checklist about a person (api.person, `about: person`) has no partnerships: comparison and history only,
 * its history kept under pb:history:<cid>:me (pbKit.PERSON), whatever partnership is current elsewhere.
 * Every file a user imports is untrusted: it is parsed and validated, shown
 * only through textContent, and a rejected file changes nothing saved.
 */
(function (kit) {
  "use strict";
  var el = kit.el;

  // What the parts share: the checklist, the list of partnerships as last read, and the section's own messages.
  // Every change reads the latest list first and changes only what the user changed (other tabs may have
  // written since); the other tabs follow through the storage event.
  function shared(form) {
    var api = form.pbAssessment, store = api.store, c = { form: form, api: api, data: api.data, store: store, person: api.person };
    c.alert = el("p", { "class": "pb-compare__status", role: "alert" });
    c.barStatus = el("p", { "class": "pb-partnership-bar__status", role: "status" });
    c.registry = function () { return kit.partnerships(store); };
    c.reg = c.registry();
    c.current = function () { return kit.findPartnership(c.reg, c.reg.current) || c.reg.list[0]; };
    c.edit = function (change) {
      kit.editPartnerships(store, change);
      c.reg = c.registry();
    };
    c.histKey = function () { return kit.historyKey(c.data.id, c.person ? kit.PERSON : c.reg.current); };
    // Another partnership on screen: its answers, names, comparison (none yet) and history.
    c.shown = function () { c.fill(); c.names(); c.forget(); api.reload(); c.drawHistory(); };
    c.button = function (parent, text, handler) { return kit.button(text, function () { c.alert.textContent = ""; handler(); }, parent); };
    c.act = function (handler) { return function () { c.alert.textContent = ""; c.barStatus.textContent = ""; handler(); }; };
    c.snapshots = function () { var v = store.get(c.histKey()); return Array.isArray(v) ? v : []; };
    // compare.js's parts replace these when it has loaded; until then there is no comparison or history to redraw.
    c.names = c.forget = c.drawHistory = function () {};
    return c;
  }

  function mount(form) {
    var c = shared(form), person = c.person, data = c.data;
    // Tools, not results: folded away until asked for, open by itself once there is more than one partnership
    // or a saved snapshot (then the picker says whose answers are on screen).
    var root = c.root = el("details", { "class": "pb-compare pb-fold" }), head = el("summary");
    head.append(el("h2", { id: "pb-compare-" + data.id }, person ? "Comparison and history" : "Partnerships, comparison and history"));
    root.append(head);
    kit.watch(form, function (e) {
      if (person) { if (e.key === c.histKey() || e.key === null) c.drawHistory(); return; }
      if (e.key === "pb:partnerships" || e.key === null) {
        var was = c.reg.current;
        c.reg = c.registry();
        if (c.reg.current !== was) c.shown(); else { c.fill(); c.names(); }
        if (c.reg.list.length > 1) root.open = true;
      } else if (e.key === c.histKey()) c.drawHistory();
    });
    kit.runParts("compare", c);
    function last() { root.append(c.alert); }
    last();
    // The panel's contents: compare.js's parts, once, when it is there (the messages stay last).
    var filled = false;
    c.more = function () {
      if (filled) return;
      filled = true;
      if (c.alert.textContent === FAILED) c.alert.textContent = "";
      try { kit.runParts("comparison", c); } catch (e) { if (window.console) console.warn("Comparison could not start; the checklist still works.", e); }
      last();
      c.names();
      c.drawHistory();
    };
    form.pbCompare = c;
    root.addEventListener("toggle", function () { if (root.open) load(); });
    var results = form.querySelector("[data-pb-results]");
    results.parentNode.insertBefore(root, results.nextSibling);
    c.fill();
    c.names();
    c.drawHistory();
    root.open = (!person && c.reg.list.length > 1) || c.snapshots().length > 0;
    if (kit.comparisonLoaded) c.more();
  }

  // compare.js, next to the file this runs from (playbook.js; relative to the page, so from the zip's file:// too,
  // and from the site's own origin under its Content-Security-Policy). One script element per browser page:
  // Material's instant navigation keeps it, and compare.js fills every later panel at mount (kit.comparisonLoaded).
  // When it does not arrive (a copy without the file, a blocked address) or does not run, every open panel says so
  // in its message line; the checklist above keeps working, and the next opening tries again.
  var here = document.currentScript && document.currentScript.src, requested = false;
  var FAILED = "The comparison and history could not load. Reload the page to try again.";
  function failed() {
    document.querySelectorAll("form[data-pb-compare]").forEach(function (form) {
      if (form.pbCompare && form.pbCompare.root.open) form.pbCompare.alert.textContent = FAILED;
    });
  }
  function load() {
    if (requested || kit.comparisonLoaded || !here) return;
    requested = true;
    var script = document.createElement("script");
    script.src = new URL("compare.js", here).href;
    function retry() { requested = false; script.remove(); failed(); }  // tried again on the next opening
    script.addEventListener("error", retry);
    script.addEventListener("load", function () { if (!kit.comparisonLoaded) retry(); });  // there, but it did not run
    document.head.appendChild(script);
  }

  function mountAll() {
    kit.mountEach("form[data-pb-checklist]", "data-pb-compare", mount,
      "Comparison could not start; the checklist still works.", function (form) { return form.pbAssessment; });
  }

  document.addEventListener("pb:mounted", mountAll);
  mountAll();
})(window.pbKit);
