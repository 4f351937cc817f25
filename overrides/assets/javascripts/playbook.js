/* Partnership Playbook: progressive enhancement for checklist forms.
 *
 * Components opt in with data-pb-checklist and mount on every document$
 * emission (Material's instant navigation), once per element. Without this
 * file the form still reads, prints and can be scored by hand.
 * Scoring mirrors macros/content/scoring.py; a browser test proves they agree.
 */
(function () {
  "use strict";

  var FORMAT = "partnership-playbook/assessment";
  var FORMAT_VERSION = 2;  // 2 adds the optional partnership and respondent fields; 1 stays readable
  var MAX_IMPORT = 1000000;

  /* -- Scoring (same rule as macros/content/scoring.py) ---------------------------- */
  function percent(num, den) {
    return den > 0 ? Math.floor(num / den * 100 + 0.5) : null;
  }

  function score(data, answers) {
    var top = data.max, totalNum = 0, totalDen = 0, sections = {};
    data.sections.forEach(function (section) {
      var num = 0, den = 0;
      section.items.forEach(function (item) {
        var a = answers[item.id];
        if (typeof a !== "number") return;
        num += item.weight * (a / top);
        den += item.weight;
      });
      sections[section.id] = percent(num, den);
      totalNum += num;
      totalDen += den;
    });
    var overall = percent(totalNum, totalDen), band = null;
    data.bands.forEach(function (b) {
      if (overall !== null && b.min <= overall && overall <= b.max) band = b;
    });
    return { overall: overall, sections: sections, band: band };
  }

  /* -- Storage: the one store (store.js), or null when the browser lets this page read nothing --------- */
  var S = window.pbStore, dict = S.dict, has = S.has;
  function storage() { return S.readable ? S : null; }

  // Calls fn on every change another tab makes to storage, while node is on the page.
  function watch(node, fn) {
    function on(e) {
      if (!node.isConnected) window.removeEventListener("storage", on);
      else fn(e);
    }
    window.addEventListener("storage", on);
  }

  // Answers are kept per checklist and per partnership (compare.js manages the list).
  function partnership(store) { return (store && (store.get("pb:partnerships") || {}).current) || "default"; }
  // The partnerships kept in this browser (compare.js keeps the list): {current, list: [{id, name}]},
  // or the one default partnership while none is saved (the store sets aside a list it cannot read).
  function partnerships(store) {
    return (store && store.get("pb:partnerships")) || { current: "default", list: [{ id: "default", name: "My partnership" }] };
  }
  // Rename or delete a partnership (the checklist pages' partnerships section and the portfolio board share
  // these): the list is read fresh, the user is asked first; returns what to tell them ("" when nothing changed).
  function one(reg, pid) { return reg.list.filter(function (p) { return p.id === pid; })[0]; }
  // One change to the list of partnerships, made on the list as saved now (another tab may have changed it).
  function editPartnerships(store, fn) {
    return store.update("pb:partnerships", function (reg) { reg = reg || partnerships(null); fn(reg); return reg; });
  }
  function renamePartnership(store, pid) {
    var reg = partnerships(store), p = one(reg, pid), was = p ? p.name : "";
    var name = p ? S.name(window.prompt("New name for \u201c" + was + "\u201d:", was) || "") : "";
    if (!name || name === was) return "";
    editPartnerships(store, function (r) { var q = one(r, pid); if (q) q.name = name; });
    return "Renamed \u201c" + was + "\u201d to \u201c" + name + "\u201d.";
  }
  // Deleting one takes its answers and history on every checklist with it (keys pb:checklist:<cid>:<pid>
  // and pb:history:<cid>:<pid>; the default partnership's answers have no suffix). A checklist about a person keeps
  // the reader's own under the id PERSON, which is never a partnership's, so no deletion reaches them.
  // The message that confirms it (in `node`) offers Undo, which puts every key back; `after` redraws.
  function deletePartnership(store, pid, node, after) {
    var reg = partnerships(store), p = one(reg, pid);
    if (!p) return;
    if (reg.list.length < 2) { node.textContent = "Keep at least one partnership; clear its answers instead."; return; }
    if (!window.confirm("Delete the partnership \u201c" + p.name + "\u201d? Its answers and history on every checklist " +
      "are deleted from this browser too. You can undo it from the message that follows, until you leave the page.")) return;
    var keys = store.keys().filter(function (k) {
      var part = k.split(":");
      return (part[1] === "checklist" || part[1] === "history") &&
        (part.length === 4 ? part[3] === pid : pid === "default" && part[1] === "checklist" && part.length === 3);
    }), snap = store.capture(keys.concat("pb:partnerships"));
    keys.forEach(store.remove);
    editPartnerships(store, function (r) {
      r.list = r.list.filter(function (x) { return x.id !== pid; });
      if (r.current === pid || !r.list.some(function (x) { return x.id === r.current; })) r.current = r.list[0].id;
    });
    store.undoable(node, "Deleted \u201c" + p.name + "\u201d with its answers and history.", snap, after);
  }
  // A link may name the partnership to show, as the portfolio's cells do (?partnership=<id>): a partnership
  // kept here becomes the current one before the form loads its answers, however other tabs have changed the
  // current one meanwhile; the name leaves the address, so a reload shows whatever is current then.
  var lost = null;  // a partnership a link named that is not kept here: the page says so
  function followLink(store) {
    var u = new URL(location.href), pid = u.searchParams.get("partnership"), reg = partnerships(store);
    lost = pid !== null && !reg.list.some(function (p) { return p.id === pid; }) ? pid : null;
    if (pid === null) return;
    if (reg.current !== pid && !lost) editPartnerships(store, function (r) { r.current = pid; });
    u.searchParams.delete("partnership");
    try { history.replaceState(history.state, "", u.href); } catch (e) { /* an address that cannot change */ }
  }
  // The id a checklist about a person (`about: person`) keeps the reader's own answers and history under; partnership
  // ids are "default" or "p" and a time, so it is never one of them.
  var PERSON = "me";
  function answersKey(id, p) { return "pb:checklist:" + id + (p === "default" ? "" : ":" + p); }

  /* -- Two sides of one partnership (issue 22) -------------------------------- */
  // The side this edition answers from: "partner" in the partner edition (main.html marks every page), else "".
  // Its exports say so ("side": "partner"), so the other side's files join a partnership of ours, never a new one.
  function side() { return document.querySelector(".pb-edition--public") ? "partner" : ""; }
  // A file from the other side answered every item from its own side: its answer to an item about one side is
  // read as its answer to that item's mirror (the same question about the same company), so that like is
  // compared with like. Items about both sides stay as they are. Returns {answers, notes} in the reader's frame.
  function align(data, got) {
    if (got.side === side()) return { answers: got.answers, notes: got.notes };
    var out = { answers: {}, notes: {} };
    data.sections.forEach(function (s) {
      s.items.forEach(function (i) {
        var from = i.mirror || i.id;
        ["answers", "notes"].forEach(function (k) { if (got[k][from] !== undefined) out[k][i.id] = got[k][from]; });
      });
    });
    return out;
  }
  // A file name part from a name: lowercase letters and digits joined by hyphens, accents dropped ("" when none).
  function slug(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
  }
  // checklist[-partnership]-YYYY-MM-DD[-suffix].ext, for every file a checklist page saves.
  function fileName(data, partnership, suffix, ext) {
    return [data.id, slug(partnership), localDay(new Date()), suffix].filter(Boolean).join("-") + "." + ext;
  }

  /* -- Answers: validated against the checklist, whatever their source ------ */
  function allowed(data) {
    var values = dict({ na: "na" });
    data.scale.forEach(function (p) { values[String(p.value)] = p.value; });
    return values;
  }

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

  // A value from a file, short enough to quote in a message (shown as text, never as markup).
  function quote(v) { return S.name(v, 80); }
  function refuse(msg) { return { ok: false, errors: [msg], answers: {}, notes: {}, unknown: [] }; }
  var TOO_BIG = "The file is larger than 1 MB, far more than an export.";

  // Parse an exported file against one checklist's data, or a list of them (the portfolio finds the file's
  // checklist by id); never throws. Returns {ok, errors[], answers, notes, unknown[], data, version,
  // partnership, respondent, exported}; the names are "" when the file has none (format version 1).
  function parseExport(text, checklists) {
    if (typeof text !== "string" || text.length > MAX_IMPORT) return refuse(TOO_BIG);
    var doc;
    try { doc = S.parse(text); } catch (e) { return refuse("The file is not JSON. Choose a JSON export of a checklist."); }
    if (!doc || typeof doc !== "object" || doc.format !== FORMAT)
      return refuse("The file is not a Partnership Playbook assessment export.");
    // Types as the export format reference says, before anything else is read.
    if (typeof doc.formatVersion !== "number" || doc.formatVersion % 1 || doc.formatVersion < 1)
      return refuse("The formatVersion must be a whole number such as 2, not " + quote(JSON.stringify(doc.formatVersion)) + ".");
    var odd = ["answers", "notes"].filter(function (f) { return doc[f] !== undefined && !S.isMap(doc[f]); });
    if (odd.length) return refuse("The " + odd.join(" and ") + " must be a list of item ids with values ({...}), not " +
      quote(JSON.stringify(doc[odd[0]])) + ". Nothing was changed.");
    if (doc.formatVersion > FORMAT_VERSION)
      return refuse("The file was made by a newer playbook (format version " + quote(doc.formatVersion) + ").");
    var list = [].concat(checklists), id = doc.checklist && doc.checklist.id;
    var data = list.filter(function (d) { return d.id === id; })[0];
    if (!data) {
      var named = doc.checklist && typeof doc.checklist.title === "string" ? doc.checklist.title : id;
      return refuse("The file is for another checklist (\u201c" + quote(named) + "\u201d), not " + (list[1]
        ? "one this playbook has." : "\u201c" + list[0].title + "\u201d: open the " + quote(named) + " checklist and use the file there."));
    }
    // The cleaned answers and notes (another version of the checklist is read by item id), with what the
    // roll-up needs: the checklist, the file's version of it, the names, the date.
    var got = clean(data, doc), errors = [];
    got.ok = true; got.errors = errors; got.data = data; got.version = typeof doc.checklist.version === "number" ? doc.checklist.version : quote(doc.checklist.version || "");
    got.exported = typeof doc.exported === "string" ? doc.exported.slice(0, 30) : "";
    ["partnership", "respondent"].forEach(function (f) {
      var v = doc[f] == null ? "" : doc[f];  // absent or null: no name
      if (typeof v !== "string") errors.push("The " + f + " must be a name (text), not " + quote(v) + ".");
      else got[f] = S.name(v);
    });
    // Answered from the partner's side (the partner edition) or ours (no side).
    if (doc.side != null && doc.side !== "partner") errors.push("The side must be \"partner\" or left out, not " + quote(doc.side) + ".");
    got.side = doc.side === "partner" ? "partner" : "";
    if (data.about === "person") got.partnership = "";  // about a person: a partnership an older export named is not kept
    if (got.wrong.length) errors.push("These items have a value of the wrong type (an answer must be a number from the scale or \"na\", a note must be text): " + S.few(got.wrong) + ".");
    if (got.invalid.length) errors.push("These items have answers this checklist does not allow: " + S.few(got.invalid) + ".");
    return errors.length ? { ok: false, errors: errors, answers: {}, notes: {}, unknown: got.unknown } : got;
  }

  // A chosen or dropped file, read and parsed (its size checked before reading).
  function readExport(file, checklists) {
    return file.size > MAX_IMPORT ? Promise.resolve(refuse(TOO_BIG))
      : file.text().then(function (text) { return parseExport(text, checklists); });
  }

  /* -- Small DOM helpers (never innerHTML with data) ------------------------- */
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A menu button (the WAI-ARIA menu button pattern, no framework): Enter, Space or the arrow keys open it,
  // the arrow keys, Home and End move, Escape closes it and gives focus back to the button, Tab or a click
  // elsewhere closes it. `entries` is a list of [label, action].
  var menus = 0;
  function menu(parent, text, name, entries) {
    var wrap = el("div", { "class": "pb-menu" }), list = el("ul", { id: "pb-menu-" + ++menus, role: "menu", "aria-label": name });
    var btn = el("button", { type: "button", "class": "md-button", "aria-haspopup": "menu", "aria-expanded": "false",
      "aria-controls": list.id, "aria-label": name }, text);
    list.hidden = true;
    entries.forEach(function (entry) {
      var li = el("li", { role: "none" }), b = el("button", { type: "button", role: "menuitem", tabindex: "-1" }, entry[0]);
      b.addEventListener("click", function () { close(true); entry[1](); });
      li.append(b);
      list.append(li);
    });
    function items() { return Array.prototype.slice.call(list.querySelectorAll("button")); }
    function open(n) {
      list.hidden = false;
      btn.setAttribute("aria-expanded", "true");
      items().slice(n)[0].focus();
    }
    function close(back) {
      list.hidden = true;
      btn.setAttribute("aria-expanded", "false");
      if (back) btn.focus();
    }
    btn.addEventListener("click", function () { if (list.hidden) open(0); else close(); });
    btn.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); open(e.key === "ArrowUp" ? -1 : 0); }
    });
    list.addEventListener("keydown", function (e) {
      var all = items(), to = { ArrowDown: 1, ArrowUp: -1, Home: -all.length, End: all.length }[e.key];
      if (to) {
        e.preventDefault();
        all[Math.max(0, Math.min(all.length - 1, all.indexOf(document.activeElement) + to))].focus();
      } else if (e.key === "Escape") { e.preventDefault(); close(true); }
      else if (e.key === "Tab") close();
    });
    wrap.addEventListener("focusout", function (e) { if (!wrap.contains(e.relatedTarget)) close(); });
    wrap.append(btn, list);
    parent.append(wrap);
  }

  // A chart label: the full text above its bar, wrapped at word boundaries (never cut); returns its height.
  function caption(chart, text, x, y, max) {
    var lines = [""], t = svg("text", { x: x, y: y + 13 });
    text.split(" ").forEach(function (w) {
      var n = lines.length - 1;
      if (lines[n] && (lines[n] + " " + w).length > max) lines.push(w); else lines[n] += (lines[n] ? " " : "") + w;
    });
    lines.forEach(function (line, n) { t.append(svg("tspan", { x: x, dy: n ? 16 : 0 }, line)); });
    chart.append(t);
    return lines.length * 16;
  }

  function download(name, type, body) {
    var url = URL.createObjectURL(new Blob([body], { type: type }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function label(data, value) {
    if (value === "na") return "Not applicable";
    var found = data.scale.filter(function (p) { return p.value === value; })[0];
    return found ? found.label : "";
  }

  function fmt(value) { return value === null ? "–" : value + "%"; }

  /* -- Exports ---------------------------------------------------------------- */
  // `who` names the partnership and the respondent for a team roll-up; either may be left out.
  function exportJSON(data, state, result, who) {
    return JSON.stringify({
      format: FORMAT, formatVersion: FORMAT_VERSION,
      checklist: { id: data.id, version: data.version, title: data.title },
      partnership: who.partnership || undefined, respondent: who.respondent || undefined, side: side() || undefined,
      exported: new Date().toISOString(),
      answers: state.answers, notes: state.notes,
      result: { overall: result.overall, band: result.band && result.band.label, sections: result.sections }
    }, null, 2);
  }

  function csvCell(value) {
    var s = value === undefined || value === null ? "" : String(value);
    // No formulas when opened in a spreadsheet: a cell starting (after spaces or invisible characters) with a
    // formula sign, full-width ones included, or with a tab or a carriage return.
    if (/^[\s\u200b-\u200f\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function exportCSV(data, state) {
    var rows = [["section", "item", "text", "answer", "answer_label", "weight", "note"]];
    data.sections.forEach(function (s) {
      s.items.forEach(function (i) {
        var a = state.answers[i.id];
        rows.push([s.id, i.id, i.text, a === undefined ? "" : a, a === undefined ? "" : label(data, a), i.weight, state.notes[i.id] || ""]);
      });
    });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  // Text in Markdown as text: every mark that could start markup, a link, an HTML tag or an entity is escaped.
  function mdText(v) { return String(v).replace(/\s+/g, " ").replace(/[\\`*_{}[\]()<>!|~:&]/g, "\\$&"); }
  function exportMarkdown(data, state, result, who) {
    var md = "# " + mdText(data.title) + " (version " + data.version + ")\n\n";
    md += (who.partnership ? "Partnership: " + mdText(who.partnership) + "  \n" : "") + "Respondent: " +
      (who.respondent ? mdText(who.respondent) : "not named") + (side() ? " (the partner's side)" : "") + "  \nDate: " +
      localDay(new Date()) + "\n\n";
    md += "Overall: " + fmt(result.overall) + (result.band ? " (" + mdText(result.band.label) + ")" : "") + "\n\n";
    if (result.band) md += mdText(result.band.advice) + "\n\n";
    data.sections.forEach(function (s) {
      md += "## " + mdText(s.title) + ": " + fmt(result.sections[s.id]) + "\n\n";
      s.items.forEach(function (i) {
        var a = state.answers[i.id];
        md += "- " + mdText(i.text) + " **" + (a === undefined ? "Not answered" : mdText(label(data, a))) + "**";
        if (state.notes[i.id]) md += "  \n  Note: " + mdText(state.notes[i.id]);
        md += "\n";
      });
      md += "\n";
    });
    return md;
  }

  /* -- The component ---------------------------------------------------------- */
  function mount(form) {
    var data = JSON.parse(form.getAttribute("data-pb-data"));
    var store = storage();
    var state = { answers: dict(), notes: dict() };
    var known = items(data);
    var results = form.querySelector("[data-pb-results]");

    // Answers are read fresh before every write and only what the user changed is written back,
    // so two tabs of one checklist never undo each other; other tabs follow through the storage event.
    // A checklist about a person keeps the reader's own answers, whichever partnership is current elsewhere.
    var person = data.about === "person";
    // Answers and history saved before the checklist was about a person are under the default partnership's keys:
    // moved once to the reader's own (moved, not copied, so that clearing the answers later does not bring them back).
    if (person && store) [[answersKey(data.id, "default"), answersKey(data.id, PERSON)],
       ["pb:history:" + data.id + ":default", "pb:history:" + data.id + ":" + PERSON]].forEach(function (keys) {
      var was = store.get(keys[0]);
      if (was !== undefined && store.get(keys[1]) === undefined) { store.set(keys[1], was); store.remove(keys[0]); }
    });
    function current() { return person ? PERSON : partnership(store); }
    var pid = current();
    function k() { return answersKey(data.id, pid); }
    // Saved answers for the items this version has; answers to items it no longer has stay in the record.
    function saved() {
      var raw = store && store.get(k());
      return raw ? clean(data, raw) : { answers: dict(), notes: dict(), unknown: [] };
    }
    function load() { pid = current(); state = saved(); }
    load();

    // The saved record, as an edit sees it: `changed` holds when each answer (id) and note (id--note) last changed.
    function record(rec) {
      rec = rec || dict();
      ["answers", "notes", "changed"].forEach(function (f) { if (!rec[f]) rec[f] = dict(); });
      rec.version = data.version;
      rec.saved = new Date().toISOString();
      return migrate(data, rec);
    }
    // Answers and notes set at `at` over what is saved now: per item, the change made last wins, whichever tab made it.
    function put(values, at) {
      return function (rec) {
        rec = record(rec);
        values.forEach(function (v) {
          var slot = v[0] === "notes" ? v[1] + "--note" : v[1];
          if (rec.changed[slot] > at) return;
          if (v[2] === undefined || v[2] === "") delete rec[v[0]][v[1]]; else rec[v[0]][v[1]] = v[2];
          rec.changed[slot] = at;
        });
        return rec;
      };
    }
    // Every answer and note of this version's items replaced by `next` (import, clear); other ids are kept.
    function replaceAll(next) {
      var at = new Date().toISOString(), values = [];
      Object.keys(known).forEach(function (id) {
        values.push(["answers", id, next.answers[id]], ["notes", id, next.notes[id]]);
      });
      if (store) store.update(k(), put(values, at)); else state = next;
      redraw();
    }
    // One answer or one note changes, on top of what is saved now.
    function change(kind, id, value) {
      if (store) { store.update(k(), put([[kind, id, value]], new Date().toISOString())); state = saved(); }
      else if (value === "") delete state[kind][id]; else state[kind][id] = value;
      if (kind === "answers") render();
    }
    function redraw() { load(); toForm(); render(); }

    function toForm() {
      form.querySelectorAll('input[type="radio"]').forEach(function (r) {
        var a = state.answers[r.name];
        r.checked = a !== undefined && r.value === String(a);
      });
      form.querySelectorAll("textarea").forEach(function (t) {
        var v = state.notes[t.name.slice(0, -6)] || "";
        if (t.value !== v && t !== document.activeElement) t.value = v;
        if (v) t.parentNode.open = true;  // a note written shows without a click
      });
    }
    watch(form, function (e) {
      if (e.key === k() || e.key === null) { state = saved(); toForm(); render(); }
      else if (e.key === "pb:partnerships") render();  // a partnership renamed in another tab
    });

    // Results panel, built once; its contents update on every change.
    var panel = el("div", { "class": "pb-live" });
    var live = el("p", { "class": "pb-live__score", "aria-live": "polite", "role": "status" });
    var basis = el("p", { "class": "pb-live__basis" });
    var advice = el("p", { "class": "pb-live__advice" });
    var chartTitle = "chart-" + data.id;
    var chart = svg("svg", { "class": "pb-chart", role: "img", "aria-labelledby": chartTitle + "-t " + chartTitle + "-d",
      width: "100%" });
    var table = el("table", { "class": "pb-scores" });
    var steps = el("ol", { "class": "pb-steps" });
    var status = el("p", { "class": "pb-status", role: "alert" });
    var tools = el("div", { "class": "pb-tools" });
    var tableBox = el("details", { "class": "pb-fold" });
    tableBox.append(el("summary", {}, "Section scores as a table"), table);
    panel.append(live, basis, advice, chart, tableBox, el("h3", {}, "Next steps"), steps, tools, status);
    results.insertBefore(panel, results.children[1] || null);
    // The scoring key, open on the page without JavaScript, folds away once the page scores by itself.
    var key = el("details", { "class": "pb-fold" });
    key.append(el("summary", {}, "How the score is worked out"));
    results.querySelectorAll(".pb-results__how, .pb-bands").forEach(function (n) { key.append(n); });
    results.append(key);
    form.classList.add("pb-checklist--live");

    // In view while answering (sticky): progress, score and band; activating it goes to the results.
    var total = Object.keys(known).length;
    var bar = el("a", { "class": "pb-bar", href: "#" + results.querySelector("h2").id });
    var barCount = el("span"), barScore = el("strong");
    // Whose answers these are: near the top and in the bar, once there is more than the unnamed default one.
    var forLine = el("p", { "class": "pb-for" });
    form.insertBefore(forLine, form.querySelector(".pb-section"));
    if (lost && !person) {
      var shown = partnerships(store), here = shown.list.filter(function (x) { return x.id === pid; })[0];
      form.insertBefore(el("p", { "class": "pb-storage-warning", role: "alert" }, "The partnership this link names (" + lost +
        ") was not found in this browser; it may have been deleted or kept in another browser. Showing " +
        (here ? here.name : "the current partnership") + " instead."), forLine);
    }
    function who() {
      if (person) return "";
      var r = partnerships(store), p = r.list.filter(function (x) { return x.id === pid; })[0];
      return p && (r.list.length > 1 || p.name !== "My partnership") ? p.name : "";
    }
    bar.append(barCount, " ", barScore, " ", el("span", { "class": "pb-bar__go" }, "See results"));
    form.insertBefore(bar, results);
    // The jump is done here, not by Material's instant navigation: when a scroll ended less than 100 ms
    // before the click (a phone still gliding), Material takes the scroll position it saves for the
    // back button for a return visit and scrolls there instead (1 click in 4 in tests/test_browser_layout.py).
    bar.addEventListener("click", function (e) {
      if (e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;  // new tab or window: the link
      e.preventDefault();
      e.stopPropagation();
      var heading = results.querySelector("h2");
      heading.setAttribute("tabindex", "-1");
      heading.scrollIntoView();
      heading.focus({ preventScroll: true });
    });
    // Back at a checklist answered in part: how far it is, and a way on to the first item left open.
    var resume = el("p", { "class": "pb-resume" }), resumeText = el("span");
    var next = el("button", { type: "button", "class": "md-button" }, "Go to the first unanswered item");
    resume.append(resumeText, " ", next);
    next.addEventListener("click", function () {
      var open = Array.prototype.filter.call(form.querySelectorAll(".pb-item"), function (i) {
        return state.answers[i.getAttribute("data-pb-item")] === undefined; })[0];
      if (open) open.querySelector("input").focus();
    });
    var begun = Object.keys(state.answers).length;
    if (begun && begun < total) form.insertBefore(resume, form.querySelector(".pb-section"));

    // Answers to items this version no longer has: kept, listed, back when the item returns, until discarded.
    var kept = el("p", { "class": "pb-kept" }), keptText = el("span"), keptSay = el("p", { "class": "pb-kept__status", role: "status" });
    var discard = el("button", { type: "button", "class": "md-button" }, "Discard them");
    kept.append(keptText, " ", discard);
    form.insertBefore(kept, form.querySelector(".pb-section"));
    form.insertBefore(keptSay, kept.nextSibling);
    discard.addEventListener("click", function () {
      var gone = state.unknown, snap = store.capture([k()]);
      store.update(k(), function (rec) {
        rec = record(rec);
        gone.forEach(function (id) { delete rec.answers[id]; delete rec.notes[id]; });
        return rec;
      });
      redraw();
      store.undoable(keptSay, "Discarded the answers kept for " + gone.length + " item(s) this version does not have.", snap, redraw);
    });

    if (!store || !store.writable) {
      var warn = el("p", { "class": "pb-storage-warning" },
        "Your browser is not letting this page store data, so your answers will not be kept when you leave. Export them before you go.");
      form.insertBefore(warn, form.firstChild.nextSibling);
    }

    function render() {
      var r = score(data, state.answers), answered = 0, na = 0;
      Object.keys(state.answers).forEach(function (id) { answered++; if (state.answers[id] === "na") na++; });
      var name = who(), gone = state.unknown || [];
      kept.hidden = !gone.length;
      keptText.textContent = gone.length ? "Kept from an earlier version of this checklist: answers or notes for " + gone.length +
        " item(s) it no longer has (" + S.few(gone) + "). They come back if the items return." : "";
      barCount.textContent = (name ? name + ": " : "") + answered + " of " + total + " answered";
      forLine.textContent = name ? "Partnership: " : "";
      if (name) forLine.append(el("strong", {}, name));
      forLine.hidden = !name;
      barScore.textContent = r.overall === null ? "No score yet" : "Score " + r.overall + "%" + (r.band ? ": " + r.band.label : "");
      resumeText.textContent = "You have answered " + answered + " of " + total + " items.";
      resume.hidden = answered === total;
      live.textContent = r.overall !== null ? "Overall score " + r.overall + "%" + (r.band ? ": " + r.band.label : "")
        : !answered ? "No score yet: answer at least one item."
        : answered < total ? "No score yet: every item answered so far is \u201cNot applicable\u201d."
        : "No score: every item is \u201cNot applicable\u201d, so there is nothing to score.";
      basis.textContent = r.overall === null ? "" : answered < total
        ? "Partial score: based on " + (answered - na) + " of " + total + " items; " + (total - answered) + " not answered yet."
        : "All " + total + " items answered" + (na ? "; " + na + " not applicable." : ".");
      advice.textContent = r.band ? r.band.advice : "";
      // Section table and chart
      table.textContent = "";
      var head = el("tr");
      head.append(el("th", { scope: "col" }, "Section"), el("th", { scope: "col" }, "Score"));
      table.append(head);
      chart.textContent = "";
      chart.append(svg("title", { id: chartTitle + "-t" }, "Section scores for " + data.title),
        svg("desc", { id: chartTitle + "-d" }, data.sections.map(function (s) {
          return s.title + " " + fmt(r.sections[s.id]); }).join("; ")));
      var y = 0;
      data.sections.forEach(function (s) {
        var row = el("tr"), value = r.sections[s.id];
        row.append(el("td", {}, s.title), el("td", {}, fmt(value)));
        table.append(row);
        y += caption(chart, s.title, 0, y, 44);
        chart.append(svg("rect", { "class": "pb-chart__track", x: 0, y: y, width: 340, height: 18, rx: 3 }),
          svg("rect", { "class": "pb-chart__bar", x: 0, y: y, width: 3.4 * (value || 0), height: 18, rx: 3 }),
          svg("text", { x: 346, y: y + 14 }, fmt(value)));
        y += 28;
      });
      chart.setAttribute("viewBox", "0 0 400 " + y);
      // Weakest answered items first, heavier items breaking ties.
      steps.textContent = "";
      var weak = [];
      Object.keys(state.answers).forEach(function (id) {
        var a = state.answers[id];
        if (typeof a === "number" && a < data.max) weak.push(known[id].item);
      });
      weak.sort(function (x, y) {
        return state.answers[x.id] - state.answers[y.id] || y.weight - x.weight;
      });
      weak.slice(0, 5).forEach(function (item) {
        var li = el("li");
        li.append(el("span", {}, item.text + " "), el("a", { href: item.guidance }, "Read the guidance"));
        steps.append(li);
      });
      if (!weak.length) steps.append(el("li", {}, r.overall === null ? "Answer items rated below the top of the scale to see what to work on first."
        : "Nothing to improve among the items answered so far."));
      return r;
    }

    form.addEventListener("change", function (e) {
      var t = e.target;
      if (t.type === "radio" && known[t.name]) change("answers", t.name, t.value === "na" ? "na" : Number(t.value));
    });
    form.addEventListener("input", function (e) {
      var t = e.target;
      if (t.tagName === "TEXTAREA" && /--note$/.test(t.name)) change("notes", t.name.slice(0, -6), t.value.slice(0, 5000));
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    // Who answered, for a team roll-up (rollup.js): asked once, on the first JSON export, and kept under one key;
    // never required. Export > "Your name on exports" changes it.
    function me(ask) {
      var name = store ? store.get("pb:respondent") : undefined, got;
      if (ask || (store && name === undefined)) {
        got = window.prompt("Your name on exports, for a team roll-up (optional):", name || "");
        name = got === null ? name || "" : S.name(got);  // cancelled: kept as it was, or no name
        if (store) store.set("pb:respondent", name);
      }
      return name || "";
    }
    // Three visible controls: Export (a menu of formats), Import JSON, and More (print, clear).
    // The current partnership's name (a checklist about a person has none); files say what they are, and the page says
    // which file it saved.
    function ours() {
      var r = partnerships(store), p = r.list.filter(function (x) { return x.id === pid; })[0];
      return person || !p ? "" : p.name;
    }
    function exported(name, type, body, what) {
      download(name, type, body);
      status.textContent = "Exported " + name + ": " + what;
    }
    function describe() { return data.title + (ours() ? ", " + ours() : "") + ", as of " + localDay(new Date()) + "."; }
    var exports = [["Export JSON", function () {
      var who = { partnership: ours(), respondent: me() };
      exported(fileName(data, who.partnership, "", "json"), "application/json", exportJSON(data, state, score(data, state.answers), who),
        describe() + (side() ? " It says it comes from the partner's side, so the other side can compare it with theirs." : ""));
    }]];
    // Internal edition: a JSON export safe to send to the partner, without internal items.
    var internal = [];
    data.sections.forEach(function (s) { s.items.forEach(function (i) { if (i.internal) internal.push(i.id); }); });
    if (internal.length && internal.length < total) exports.push(["Export for partner (JSON)", function () {
      var shared = { answers: {}, notes: {} }, left = 0;
      ["answers", "notes"].forEach(function (kind) {
        Object.keys(state[kind]).forEach(function (id) {
          if (internal.indexOf(id) < 0) shared[kind][id] = state[kind][id]; else if (kind === "answers") left++;
        });
      });
      var open = forPartner(data);
      // The respondent's name goes with it, the partnership's (an internal label) does not.
      var name = fileName(data, "", "", "json");
      download(name, "application/json", exportJSON(open, shared, score(open, shared.answers), { respondent: me() }));
      status.textContent = "Exported " + name + " for the partner, without the partnership's name: the " + internal.length +
        " internal item(s) are left out" + (left ? ", with " + left + " answer(s) and their notes." : ".");
    }]);
    exports.push(["Export CSV", function () { exported(fileName(data, ours(), "", "csv"), "text/csv", exportCSV(data, state), describe()); }],
      ["Export Markdown", function () {
        var who = { partnership: ours(), respondent: me() };
        exported(fileName(data, who.partnership, "", "md"), "text/markdown", exportMarkdown(data, state, score(data, state.answers), who), describe());
      }],
      ["Your name on exports", function () { me(true); }]);
    menu(tools, "Export", "Export", exports);
    var file = el("input", { type: "file", accept: ".json,application/json", "class": "pb-import", id: "pb-import-" + data.id });
    var fileLabel = el("label", { "for": file.id, "class": "md-button" }, "Import JSON");
    tools.append(fileLabel, file);
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      readExport(f, data).then(function (got) {
        file.value = "";
        if (!got.ok) { status.textContent = "Nothing was imported. " + got.errors.join(" "); return; }
        if (got.side && !side()) {
          status.textContent = "Nothing was imported: the file holds the partner's answers (it was exported from the " +
            "partner edition), which are theirs, not yours. To set them against yours, use \u201cTheir export\u201d under " +
            "\u201cCompare with the other side\u201d below.";
          return;
        }
        var have = Object.keys(state.answers).length + Object.keys(state.notes).length, snap = store && store.capture([k()]);
        if (have && !window.confirm("Replace the " + have + " answers and notes on this page with the file's " +
          Object.keys(got.answers).length + " answers? You can undo it from the message that follows.")) {
          status.textContent = "Nothing was imported.";
          return;
        }
        replaceAll(got);
        var text = "Imported " + Object.keys(got.answers).length + " answers." +
          (got.unknown.length ? " Not in this version of the checklist, so left out: " + S.few(got.unknown) + "." : "");
        if (snap) store.undoable(status, text, snap, redraw); else status.textContent = text;
      });
    });
    menu(tools, "More", "More actions", [["Print", function () { window.print(); }], ["Clear answers", function () {
      if (!window.confirm("Clear every answer and note on this checklist? You can undo it from the message that follows.")) return;
      var snap = store && store.capture([k()]);
      replaceAll({ answers: dict(), notes: dict() });
      if (snap) store.undoable(status, "Answers cleared.", snap, redraw); else status.textContent = "Answers cleared.";
    }]]);

    toForm();
    render();
    // The small API compare.js builds on.
    form.pbAssessment = {
      data: data, store: store, person: person,
      state: function () { return state; },
      reload: redraw
    };
    form.dispatchEvent(new CustomEvent("pb:mounted", { bubbles: true }));
  }

  // Every component (this file's, compare.js, onboarding.js, portfolio.js, rollup.js) mounts through these two.
  // mountEach: `mount` runs once on each element `selector` finds that is `ready` (when given); the `flag`
  // attribute marks it. One that fails leaves its element as the page without JavaScript has it, and never
  // stops the others.
  function mountEach(selector, flag, mount, failure, ready) {
    document.querySelectorAll(selector + ":not([" + flag + "])").forEach(function (node) {
      if (ready && !ready(node)) return;
      node.setAttribute(flag, "");
      try { mount(node); } catch (e) { if (window.console) console.warn(failure, e); }
    });
  }
  // everyPage: `fn` on every page Material's instant navigation shows (document$), or once without it (file://).
  function everyPage(fn) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(fn);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function mountAll() {
    if (document.querySelector("form[data-pb-checklist]:not([data-pb-mounted])")) followLink(storage());
    mountEach("form[data-pb-checklist]", "data-pb-mounted", mount, "Checklist enhancement failed; the plain form still works.");
  }

  // Material's search dialog has no accessible name (axe: aria-dialog-name).
  function labelSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    if (dialog) dialog.setAttribute("aria-label", "Search");
  }

  // The checklist as the partner edition has it: internal items, and sections left empty, taken out. Everything
  // made for the other side starts from this (Export for partner, compare.js's agenda, table, scores and chart).
  function forPartner(data) {
    var open = JSON.parse(JSON.stringify(data));
    open.sections = open.sections.map(function (s) { s.items = s.items.filter(function (i) { return !i.internal; }); return s; })
      .filter(function (s) { return s.items.length; });
    return open;
  }

  // The reader's calendar day (their time zone) of an ISO timestamp, as YYYY-MM-DD; "" when it is not a date.
  // Timestamps are kept in UTC; every date the components show is this day, so one review has one date.
  function localDay(when) {
    var d = new Date(when);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return isNaN(d.getTime()) ? "" : d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  window.pbScore = score;
  window.pbParseExport = parseExport;
  window.pbReadExport = readExport;
  window.pbClean = clean;
  window.pbLabel = label;
  window.pbKit = { side: side, align: align, fileName: fileName, el: el, svg: svg, download: download, fmt: fmt, storage: storage, answersKey: answersKey, PERSON: PERSON, watch: watch, caption: caption, menu: menu,
    csvCell: csvCell, partnerships: partnerships, renamePartnership: renamePartnership, deletePartnership: deletePartnership,
    mountEach: mountEach, everyPage: everyPage, localDay: localDay, forPartner: forPartner };
  everyPage(function () { labelSearch(); mountAll(); });
})();
