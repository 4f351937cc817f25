/* The kit's answers: a checklist's answers and notes validated against it, whatever their source (window.pbClean). */
(function (kit) {
  "use strict";
  var S = window.pbStore, dict = S.dict, has = S.has;

  function allowed(data) {
    var values = dict({ na: "na" });
    data.scale.forEach(function (p) { values[String(p.value)] = p.value; });
    return values;
  }

  // Every item of a checklist by id: {item, section}.
  function items(data) {
    var all = dict();
    data.sections.forEach(function (s) {
      s.items.forEach(function (i) { all[i.id] = { item: i, section: s }; });
    });
    return all;
  }

  // Renamed items: each id an item had before (its `replaces`) and the id it has now.
  function renamed(data) {
    var map = dict();
    data.sections.forEach(function (s) {
      s.items.forEach(function (i) { (i.replaces || []).forEach(function (old) { map[old] = i.id; }); });
    });
    return map;
  }
  // A saved record with answers and notes under ids an item had before moved to the id it has now (never over one).
  function migrate(data, rec) {
    var map = renamed(data);
    ["answers", "notes"].forEach(function (kind) {
      Object.keys(map).forEach(function (old) {
        if (!has(rec[kind], old)) return;
        if (!has(rec[kind], map[old])) rec[kind][map[old]] = rec[kind][old];
        delete rec[kind][old];
      });
    });
    return rec;
  }
  // Answers and notes for the items this version has (an answer under an earlier id of an item counts as its);
  // the others are listed in `unknown` and left where they are stored.
  function clean(data, raw) {
    var known = items(data), values = allowed(data), out = { answers: dict(), notes: dict(), unknown: [], invalid: [], wrong: [] };
    var answers = raw && S.isMap(raw.answers) ? migrate(data, { answers: dict(raw.answers), notes: dict() }).answers : dict();
    var notes = raw && S.isMap(raw.notes) ? migrate(data, { answers: dict(), notes: dict(raw.notes) }).notes : dict();
    Object.keys(answers).forEach(function (id) {
      if (!known[id]) { out.unknown.push(id); return; }
      // A number from the scale or "na": no coercion of [2], "2" or {value: 2}.
      var a = answers[id];
      if (typeof a !== "number" && a !== "na") { out.wrong.push(id); return; }
      var v = values[String(a)];
      if (v === undefined) out.invalid.push(id); else out.answers[id] = v;
    });
    Object.keys(notes).forEach(function (id) {
      if (!known[id]) { if (out.unknown.indexOf(id) < 0) out.unknown.push(id); return; }
      if (typeof notes[id] !== "string") { if (out.wrong.indexOf(id) < 0) out.wrong.push(id); return; }
      if (notes[id]) out.notes[id] = notes[id].slice(0, 5000);
    });
    return out;
  }

  kit.items = items;
  kit.migrate = migrate;
  window.pbClean = clean;
})(window.pbKit);
