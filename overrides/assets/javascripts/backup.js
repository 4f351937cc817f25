/* Partnership Playbook: back up and restore everything kept in this browser (issue 21), on the portfolio page.
 *
 * Loaded by the portfolio page only, after portfolio.js (SCRIPTS in macros/render/portfolio.py); mounts on
 * pb:portfolio-mounted. The file is pbStore.backup()'s (store.js): {format, formatVersion: 1, made, data: {key: value}},
 * described in docs/reference/export-format.md. A restore is checked whole before anything changes; into a browser
 * that holds data it merges by the stated rules, or replaces everything after a second question; either can be undone.
 */
(function () {
  "use strict";
  if (window.pbBackupLoaded) return;
  window.pbBackupLoaded = true;

  var DAY = 86400000, REMIND = 30, MAX = 5000000;

  // The backup's data, every value checked as the store checks it when read; or the reasons it is refused.
  function check(text) {
    var S = window.pbStore, doc, bad = [];
    try { doc = S.parse(text); } catch (e) { return { errors: ["The file is not JSON."] }; }
    if (!S.isMap(doc) || doc.format !== S.BACKUP) return { errors: ["The file is not a Partnership Playbook backup."] };
    if (typeof doc.formatVersion !== "number" || doc.formatVersion % 1 || doc.formatVersion < 1)
      return { errors: ["The formatVersion must be a whole number such as 1."] };
    if (doc.formatVersion > 1) return { errors: ["The backup was made by a newer playbook (format version " + doc.formatVersion + ")."] };
    if (!S.isMap(doc.data)) return { errors: ["The data must be a list of keys with values ({...})."] };
    Object.keys(doc.data).forEach(function (k) {
      var v = doc.data[k];
      if (!/^pb:[\w:.-]+$/.test(k) || /^pb:(aside:|backup$)/.test(k) || !S.valid(k, v) || (k === "pb:respondent" && typeof v !== "string")) bad.push(k);
    });
    if (bad.length) return { errors: ["These entries are not what this playbook stores: " + S.few(bad) + "."] };
    // Names from the file as any name typed here: no direction controls or zero-width characters, 80 characters.
    if (doc.data["pb:partnerships"]) doc.data["pb:partnerships"].list.forEach(function (p) { p.name = S.name(p.name) || p.id; });
    // When each answer changed (and when the record was saved), as real times: one that is not is left out (unknown,
    // so older than anything here), and counted for the message.
    var odd = 0;
    Object.keys(doc.data).forEach(function (k) {
      var v = doc.data[k];
      if (!/^pb:checklist:/.test(k)) return;
      if (v.changed) Object.keys(v.changed).forEach(function (slot) { odd += fix(v.changed, slot); });
      odd += fix(v, "saved");
    });
    return { data: doc.data, odd: odd };
  }
  // A time from a backup: ISO 8601, not later than a day from now (another device's clock may run ahead; a time
  // still ahead is taken as now), as this browser writes it; anything else "" (unknown).
  function when(s) {
    var t = typeof s === "string" && /^\d{4}-\d\d-\d\dT/.test(s) ? Date.parse(s) : NaN, now = Date.now();
    return t <= now + DAY ? new Date(Math.min(t, now)).toISOString() : "";
  }
  function fix(o, k) {
    if (!window.pbStore.has(o, k)) return 0;
    if ((o[k] = when(o[k]))) return 0;
    delete o[k];
    return 1;
  }

  // A value as text with the keys of every map in order: the same snapshot whatever order a file wrote its keys in.
  function same(v) {
    return JSON.stringify(v, function (k, x) {
      var S = window.pbStore, o = S.dict();
      if (!S.isMap(x)) return x;
      Object.keys(x).sort().forEach(function (n) { o[n] = x[n]; });
      return o;
    });
  }
  function norm(name) { return window.pbStore.name(name).toLowerCase(); }
  // When a side's answer (or note) to an item last changed: its time, else, for one it holds, when its record was last
  // saved (written before change times were kept); "" (never) for an item it never answered, whenever it saved.
  function stamp(rec, kind, id, slot) {
    return when((rec.changed && rec.changed[slot]) || (window.pbStore.has(rec[kind], id) ? rec.saved : ""));
  }
  // Per item the answer (and, apart, the note) changed last wins.
  function mergeAnswers(mine, theirs) {
    var S = window.pbStore, out = S.dict(mine);
    ["answers", "notes", "changed"].forEach(function (f) { out[f] = S.dict(mine[f]); });
    ["answers", "notes"].forEach(function (kind) {
      var ids = Object.keys(S.dict(theirs[kind])).concat(Object.keys(out[kind]));
      ids.forEach(function (id) {
        var slot = kind === "notes" ? id + "--note" : id, t = stamp(theirs, kind, id, slot);
        if (t <= stamp(mine, kind, id, slot)) return;
        if (S.has(theirs[kind], id)) out[kind][id] = theirs[kind][id]; else delete out[kind][id];
        out.changed[slot] = t;
      });
    });
    return out;
  }
  function merge(key, mine, theirs) {
    if (mine === undefined) return theirs;
    if (/^pb:checklist:/.test(key)) return mergeAnswers(mine, theirs);
    if (/^pb:history:/.test(key)) {  // every snapshot here stays (two may share a date); the backup's join unless one here is the same
      var here = mine.map(same);
      return mine.concat(theirs.filter(function (s) { return here.indexOf(same(s)) < 0; }))
        .sort(function (p, q) { return p.date < q.date ? -1 : p.date > q.date ? 1 : 0; });
    }
    if (/^pb:path:/.test(key)) {  // steps joined; when each was ticked: this browser's time, else the backup's
      var at = Object.create(null);
      [theirs, mine].forEach(function (v) { if (v.at) Object.keys(v.at).forEach(function (d) { at[d] = v.at[d]; }); });
      return { done: mine.done.concat(theirs.done.filter(function (d) { return mine.done.indexOf(d) < 0; })), at: at };
    }
    return mine;  // a saved roll-up, the export name: this browser's own stay
  }

  // Whether a side (this browser's keys, or the backup's) holds answers or history of the default partnership of a
  // checklist about a partnership (pb:checklist:<cid>, pb:history:<cid>:default): without a saved list of
  // partnerships, that side's list is the one default partnership, and it must stay listed, or its answers hide.
  function holdsDefault(keys, person) {
    return keys.some(function (k) {
      var part = k.split(":");
      return !person[part[2]] && (part[1] === "checklist" && part.length === 3 || part[1] === "history" && part[3] === "default");
    });
  }
  // Partnerships matched by name (trimmed, any letter case); the backup's others are added. Returns the plan:
  // `ids` (the backup's partnership ids as this browser's) and `edit` (the change to this browser's list, or null).
  // Nothing is written yet, so the Undo can capture every key the restore will write first.
  function partnerships(store, data, person) {
    var S = window.pbStore, kit = window.pbKit, ids = Object.create(null), taken = Object.create(null), add = [];
    var reg = store.get("pb:partnerships"), theirs = data["pb:partnerships"], extra = [], listed;
    var implied = holdsDefault(Object.keys(data), person) ? kit.partnerships(null).list : [];
    if (!reg && holdsDefault(store.keys(), person)) reg = kit.partnerships(null);  // answers here are listed, as the pages list them
    if (!theirs && reg && implied.length) theirs = kit.partnerships(null);
    // Answers or history under a partnership the backup does not list: a partnership of its own, named so it shows
    // (under its id unless this browser has that id; an id no partnership can have stays in its key, unlisted).
    listed = theirs ? theirs.list : implied;
    Object.keys(data).forEach(function (k) {
      var part = k.split(":"), pid = part[1] === "checklist" ? part[3] || "default" : part[1] === "history" && part[3];
      if (pid && !person[part[2]] && /^[\w-]+$/.test(pid) && pid !== "me" &&
        !listed.concat(extra).some(function (p) { return p.id === pid; })) extra.push(S.dict({ id: pid, name: "Partnership " + pid + " (from a backup)" }));
    });
    if (extra.length) theirs = S.dict({ current: theirs ? theirs.current : listed.concat(extra)[0].id, list: listed.concat(extra) });
    if (!theirs) return { ids: ids, edit: null };  // ids kept as they are: both sides list the same default
    // The list as saved when it is written (another tab's, while storage is full) with `add` joined by id.
    function join(base) {
      return add.length ? function (r) {
        r = r || S.dict({ current: base.current, list: base.list });
        r.list = r.list.concat(add.filter(function (p) { return !r.list.some(function (q) { return q.id === p.id; }); }));
        return r;
      } : null;
    }
    if (!reg) {
      theirs.list.forEach(function (p) { ids[p.id] = p.id; add.push(p); });
      return { ids: ids, edit: join(theirs) };
    }
    reg.list.forEach(function (p) { taken[p.id] = true; });
    theirs.list.forEach(function (p, n) {
      var same = reg.list.filter(function (q) { return norm(q.name) === norm(p.name); })[0];
      if (same) { ids[p.id] = same.id; return; }
      var id = taken[p.id] ? "p" + Date.now().toString(36) + "r" + n : p.id;
      taken[id] = true;
      ids[p.id] = id;
      add.push(S.dict({ id: id, name: S.name(p.name) }));
    });
    return { ids: ids, edit: join(reg) };
  }
  // The key a backup's key has here: its partnership id translated.
  function here(key, ids) {
    var part = key.split(":");
    if (part[1] !== "checklist" && part[1] !== "history") return key;
    var pid = part[3] === undefined ? "default" : part[3], to = window.pbStore.has(ids, pid) ? ids[pid] : pid;
    return window.pbKit.answersKey(part[2], to).replace("pb:checklist:", "pb:" + part[1] + ":") +
      (part[1] === "history" && to === "default" ? ":default" : "");
  }

  // What a restore writes: [key, edit] pairs, planned before anything is written (so the Undo captures them all).
  function plan(store, data, replace, person) {
    var keys = Object.keys(data), out = [];
    if (replace) {
      store.keys().forEach(function (k) { if (!/^pb:(aside:|backup$)/.test(k) && !window.pbStore.has(data, k)) out.push([k, function () { return undefined; }]); });
      keys.forEach(function (k) { out.push([k, function () { return data[k]; }]); });
      return out;
    }
    var reg = partnerships(store, data, person);
    if (reg.edit) out.push(["pb:partnerships", reg.edit]);
    keys.forEach(function (k) {
      if (k === "pb:partnerships") return;
      var to = here(k, reg.ids), theirs = data[k];
      out.push([to, function (mine) { return merge(to, mine, theirs); }]);
    });
    return out;
  }

  function mount(node) {
    var kit = window.pbKit, el = kit.el, S = window.pbStore, api = node.pbPortfolio, store = api.store;
    var person = Object.create(null);  // checklists about a person keep no partnership's answers
    api.data.checklists.forEach(function (d) { if (d.about === "person") person[d.id] = true; });
    var root = el("section", { "class": "pb-backup", "aria-labelledby": "pb-backup-title" });
    var last = el("p", { "class": "pb-backup__last" }), say = el("p", { "class": "pb-backup__status", role: "status" });
    var tools = el("div", { "class": "pb-tools" });
    var make = el("button", { type: "button", "class": "md-button" }, "Back up everything");
    var file = el("input", { type: "file", accept: ".json,application/json", "class": "pb-import", id: "pb-backup-file" });
    tools.append(make, file, el("label", { "for": file.id, "class": "md-button" }, "Restore from a backup"));
    root.append(el("h2", { id: "pb-backup-title" }, "Backup"), el("p", {}, "One file holds every partnership, answer, note, " +
      "history, onboarding step, saved roll-up and your export name. Keep it somewhere safe; restore it in a new browser " +
      "or after clearing browser data."), last, tools, say);
    node.append(root);

    function when() {
      var b = store && store.get("pb:backup"), days = b ? Math.floor((Date.now() - Date.parse(b.made)) / DAY) : null;
      last.textContent = b ? "Last backup: " + kit.localDay(b.made) + "." : "No backup has been made in this browser yet.";
      last.classList.toggle("pb-backup__due", !b || days > REMIND);
      if (!b || days > REMIND) last.textContent += " " + (b ? "It is more than " + REMIND + " days old: make one now." : "Make one now.");
    }
    make.addEventListener("click", function () { S.backup(); when(); say.textContent = "Backup downloaded."; });
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      file.value = "";
      if (!f) return;
      if (f.size > MAX) { say.textContent = "Nothing was restored: the file is larger than 5 MB, far more than a backup."; return; }
      f.text().then(function (text) {
        var got = check(text), mine = store ? store.keys().filter(function (k) { return !/^pb:(aside:|backup$)/.test(k); }) : [];
        if (got.errors) { say.textContent = "Nothing was restored. " + got.errors.join(" "); return; }
        if (!store) { say.textContent = "Nothing was restored: your browser is not letting this page store data."; return; }
        var replace = false;
        if (mine.length && !window.confirm("This browser already holds data. Merge the backup into it? Partnerships are " +
          "matched by name, each answer keeps its latest change, histories and onboarding steps are joined. " +
          "Cancel to choose replacing everything instead.")) {
          if (!window.confirm("Replace everything in this browser with the backup? You can undo it from the message that follows.")) {
            say.textContent = "Nothing was restored.";
            return;
          }
          replace = true;
        }
        // Planned, captured and written after the questions (pbStore.later), over what is saved then.
        S.later(function () {
          var writes = plan(store, got.data, replace, person), n = Object.keys(got.data).length;
          var snap = store.capture(writes.map(function (w) { return w[0]; }));
          writes.forEach(function (w) { store.update(w[0], w[1]); });
          // The Undo first (it captures what the restore wrote), then the board: a board that fails to draw keeps it.
          var undo = S.undoable(say, (replace ? "Replaced everything with the backup (" : "Merged the backup (") + n + " entries)." +
            (got.odd ? " " + got.odd + " change times in the backup were not real times or lay in the future; they count " +
              "as older than anything here, so nothing here was lost." : ""), snap, api.redraw);
          try { api.redraw(); } catch (e) {
            if (window.console) console.warn("The board could not show the restore", e);
            undo.before("The board could not show it yet: reload the page. ");
          }
        });
      });
    });
    when();
  }

  function mountAll() {
    if (!window.pbKit || !window.pbStore) return;
    window.pbKit.mountEach("[data-pb-portfolio]", "data-pb-backup", mount,
      "Backup could not start; the board still works.", function (n) { return n.pbPortfolio; });
  }
  document.addEventListener("pb:portfolio-mounted", mountAll);
  mountAll();
})();
