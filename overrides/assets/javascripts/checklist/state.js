/* The checklist component's state: one form's answers and notes, read from and written to the store (issue 21).
 *
 * pbKit.assessment(form) returns the object every part of the component shares (`a`): the checklist's data, the
 * store, the answers on screen (a.state), what changes them (a.change, a.replaceAll, a.redraw) and the lists the
 * parts add to: a.fills (put the state into the form's controls) and a.draws (show it, given the score). Parts
 * register with pbKit.part("checklist", name, fn) and run in the order they were registered (the join's order).
 */
(function (kit) {
  "use strict";
  var S = window.pbStore, dict = S.dict;

  // The saved record, as an edit sees it: `changed` holds when each answer (id) and note (id--note) last changed.
  function record(data, rec) {
    rec = rec || dict();
    ["answers", "notes", "changed"].forEach(function (f) { if (!rec[f]) rec[f] = dict(); });
    rec.version = data.version;
    rec.saved = new Date().toISOString();
    return kit.migrate(data, rec);
  }
  // The form's data leaves out what its markup shows (render/checklist.py, `lean`): each section's title and each
  // item's text, weight and guidance link are read back from the form's own sections and items (the comparison's
  // tables inside the form name items too), so every part sees the whole checklist. One missing is said in the console.
  function complete(form, data) {
    var sections = dict(), items = dict();
    form.querySelectorAll("fieldset.pb-section[data-pb-section]").forEach(function (n) { sections[n.getAttribute("data-pb-section")] = n; });
    form.querySelectorAll(".pb-item[data-pb-item]").forEach(function (n) { items[n.getAttribute("data-pb-item")] = n; });
    function text(node, css, id) {
      if (!node) console.warn("Checklist " + data.id + ": no markup for " + id);
      var n = node && node.querySelector(css);
      return n ? n.textContent : id;
    }
    data.sections.forEach(function (s) {
      if (s.title === undefined) s.title = text(sections[s.id], ".pb-section__title", s.id);
      s.items.forEach(function (i) {
        var node = items[i.id], link = node && node.querySelector(".pb-item__guidance"), w = node && Number(node.getAttribute("data-pb-weight"));
        if (i.text === undefined) i.text = text(node, ".pb-item__text", i.id);
        if (i.weight === undefined) i.weight = w > 0 ? w : 1;
        if (i.guidance === undefined) i.guidance = link ? link.getAttribute("href") : "";
      });
    });
    return data;
  }

  // Answers and notes set at `at` over what is saved now: per item, the change made last wins, whichever tab made it.
  // A stored time later than now (rec.saved: a wrong clock, a damaged file) or not a time never wins.
  function put(data, values, at) {
    return function (rec) {
      rec = record(data, rec);
      values.forEach(function (v) {
        var slot = v[0] === "notes" ? v[1] + "--note" : v[1], was = rec.changed[slot];
        if (was > at && was <= rec.saved) return;
        if (v[2] === undefined || v[2] === "") delete rec[v[0]][v[1]]; else rec[v[0]][v[1]] = v[2];
        rec.changed[slot] = at;
      });
      return rec;
    };
  }

  // Answers and history saved before the checklist was about a person are under the default partnership's keys:
  // moved once to the reader's own (moved, not copied, so that clearing the answers later does not bring them back).
  function adopt(store, id) {
    [[kit.answersKey(id, "default"), kit.answersKey(id, kit.PERSON)],
      [kit.historyKey(id, "default"), kit.historyKey(id, kit.PERSON)]].forEach(function (keys) {
      var was = store.get(keys[0]);
      if (was !== undefined && store.get(keys[1]) === undefined && store.set(keys[1], was)) store.remove(keys[0]);  // moved only once written
    });
  }

  // Answers are read fresh before every write and only what the user changed is written back,
  // so two tabs of one checklist never undo each other; other tabs follow through the storage event.
  // A checklist about a person keeps the reader's own answers, whichever partnership is current elsewhere.
  kit.assessment = function (form) {
    var data = complete(form, JSON.parse(form.getAttribute("data-pb-data"))), store = kit.storage(), person = data.about === "person";
    var a = { form: form, data: data, store: store, person: person, known: kit.items(data), fills: [], draws: [],
      results: form.querySelector("[data-pb-results]"), state: { answers: dict(), notes: dict() } };
    a.total = Object.keys(a.known).length;
    if (person) adopt(store, data.id);
    function current() { return person ? kit.PERSON : kit.partnership(store); }
    a.key = function () { return kit.answersKey(data.id, a.pid); };
    // Saved answers for the items this version has; answers to items it no longer has stay in the record.
    function saved() {
      var raw = store.get(a.key());
      return raw ? window.pbClean(data, raw) : { answers: dict(), notes: dict(), unknown: [] };
    }
    a.load = function () { a.pid = current(); a.state = saved(); };
    a.load();
    // The current partnership's name ("" on a checklist about a person), and whether the page names it: once there
    // is more than the unnamed default one.
    a.partnershipName = function (shown) {
      var r = kit.partnerships(store), p = person ? null : kit.findPartnership(r, a.pid);
      return p && (!shown || r.list.length > 1 || p.name !== "My partnership") ? p.name : "";
    };
    a.record = function (rec) { return record(data, rec); };
    a.edit = function (values) { store.update(a.key(), put(data, values, new Date().toISOString())); };
    // Every answer and note of this version's items replaced by `next` (import, clear); other ids are kept.
    a.replaceAll = function (next) {
      var values = [];
      Object.keys(a.known).forEach(function (id) {
        values.push(["answers", id, next.answers[id]], ["notes", id, next.notes[id]]);
      });
      a.edit(values);
      a.redraw();
    };
    // One answer or one note changes, on top of what is saved now.
    a.change = function (kind, id, value) {
      a.edit([[kind, id, value]]);
      a.state = saved();
      if (kind === "answers") a.render();
    };
    a.fill = function () { a.fills.forEach(function (fill) { fill(); }); };
    a.render = function () {
      var v = { r: window.pbScore(data, a.state.answers), answered: 0, na: 0, name: a.partnershipName(true), gone: a.state.unknown || [] };
      Object.keys(a.state.answers).forEach(function (id) { v.answered++; if (a.state.answers[id] === "na") v.na++; });
      a.draws.forEach(function (draw) { draw(v); });
    };
    a.redraw = function () { a.load(); a.fill(); a.render(); };
    kit.watch(form, function (e) {
      if (e.key === a.key() || e.key === null) { a.state = saved(); a.fill(); a.render(); }
      else if (e.key === "pb:partnerships") a.render();  // a partnership renamed in another tab
    });
    return a;
  };
})(window.pbKit);
