/* Partnership Playbook: the one store every component keeps its data in (issue 21).
 *
 * A classic script loaded before playbook.js on every page; window.pbStore. What is on screen is the truth:
 * - Every change is an edit, a function from the value stored now to the new one. A write the browser refuses
 *   (storage full, or no storage at all) keeps its edit in memory: the edits are applied again over every fresh
 *   read (this tab's, or after another tab's write) and retried with the next change, until written. Meanwhile a
 *   lasting message says what is not saved and offers a backup of everything.
 * - Reading and writing are checked separately: a browser that refuses writes still shows what is stored.
 * - Every value is validated when read (CHECKS); one that fails is set aside under pb:aside:<key>, not deleted,
 *   and the component starts as if nothing were stored.
 * - Values are parsed into maps without a prototype (Object.create(null)), so an id or a name such as
 *   "constructor" or "__proto__" is an ordinary key everywhere; own-property checks go through pbStore.has.
 */
(function () {
  "use strict";
  if (window.pbStore) return;

  var ls = null, pending = dict(), INVALID = {}, banner = null, asked = false;
  try { ls = window.localStorage; ls.getItem("pb:partnerships"); } catch (e) { ls = null; }
  var writable = !!ls;  // checked apart from reading: a full or read-only storage still shows what it holds
  try { ls.setItem("pb:probe", "1"); ls.removeItem("pb:probe"); } catch (e) { writable = false; }

  function has(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }
  function isMap(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function dict(o) {
    var d = Object.create(null);
    if (o) Object.keys(o).forEach(function (k) { d[k] = o[k]; });
    return d;
  }
  function revive(k, v) { return isMap(v) ? dict(v) : v; }
  function parse(text) { return JSON.parse(text, revive); }
  function maybe(v, test) { return v === undefined || test(v); }
  function isString(v) { return typeof v === "string"; }
  function strings(v) { return Array.isArray(v) && v.every(isString); }

  // What each key the site writes must hold; a key not listed here holds any JSON value.
  var CHECKS = [
    [/^pb:partnerships$/, function (v) {
      return isMap(v) && maybe(v.current, isString) && Array.isArray(v.list) &&
        v.list.length > 0 && v.list.every(function (p, i) {
          // An id is part of storage keys (pb:checklist:<cid>:<id>): no ':', never the reader's own "me", once only.
          return isMap(p) && isString(p.id) && /^[\w-]+$/.test(p.id) && p.id !== "me" &&
            isString(p.name) && !v.list.slice(0, i).some(function (q) { return q.id === p.id; });
        });
    }],
    [/^pb:checklist:/, function (v) {
      return isMap(v) && maybe(v.answers, isMap) && maybe(v.notes, isMap) && maybe(v.changed, isMap);
    }],
    [/^pb:history:/, function (v) { return Array.isArray(v) && v.every(isMap); }],
    [/^pb:path:/, function (v) { return isMap(v) && strings(v.done) && maybe(v.at, isMap); }],
    [/^pb:following$/, isString],
    [/^pb:rollup$/, function (v) { return isMap(v) && Array.isArray(v.files); }],
    [/^pb:backup$/, function (v) { return isMap(v) && isString(v.made) && !isNaN(Date.parse(v.made)); }]
  ];
  var TEXT = /^pb:respondent$/;  // kept as plain text, not JSON

  function valid(key, v) {
    for (var i = 0; i < CHECKS.length; i++) if (CHECKS[i][0].test(key)) return CHECKS[i][1](v);
    return true;
  }
  function raw(key) { try { return ls ? ls.getItem(key) : null; } catch (e) { return null; } }
  function decode(key, text) {
    if (text === null) return undefined;
    if (TEXT.test(key)) return text;
    try { var v = parse(text); } catch (e) { return INVALID; }
    return valid(key, v) ? v : INVALID;
  }
  // A value that fails its check moves to pb:aside:<key> (when the browser lets it), so a person can still send it in.
  // A second damaged value of the same key goes beside the first (its time added), never over it.
  function aside(key, text) {
    var to = "pb:aside:" + key;
    try {
      if (ls.getItem(to) !== null) to += ":" + Date.now();
      ls.setItem(to, text);
      ls.removeItem(key);
    } catch (e) { /* left where it is, and ignored */ }
  }
  // The value as this tab sees it: what is stored now, validated, with this tab's unsaved edits applied over it.
  function get(key) {
    var text = raw(key), v = decode(key, text);
    if (v === INVALID) { aside(key, text); v = undefined; }
    (pending[key] || []).forEach(function (edit) { v = edit(v); });
    return v;
  }
  // A key whose stored value is damaged and not set aside yet (copying it needs room a full storage may not have) is
  // never written over: the edit waits in memory until the value has gone aside.
  function put(key, v) {
    if (!ls || decode(key, raw(key)) === INVALID) return false;
    try {
      if (v === undefined) ls.removeItem(key); else ls.setItem(key, TEXT.test(key) ? String(v) : JSON.stringify(v));
      return true;
    } catch (e) { return false; }
  }
  // Writes the key with its unsaved edits; they stay in memory until the browser takes them.
  function flush(key) {
    var ok = put(key, get(key));
    if (ok) delete pending[key];
    return ok;
  }
  function update(key, edit) {
    (pending[key] = pending[key] || []).push(edit);
    if (!asked) {  // ask the browser to keep this site's storage when it runs short (guarded: not every browser has it)
      asked = true;
      try { navigator.storage.persist().catch(function () {}); } catch (e) { /* not offered here */ }
    }
    Object.keys(pending).forEach(flush);
    show();
    return !pending[key];
  }
  function set(key, v) { return update(key, function () { return v; }); }
  function remove(key) { return set(key, undefined); }
  function keys() {
    var out = [], i, k;
    try { for (i = 0; ls && i < ls.length; i++) { k = ls.key(i); if (/^pb:/.test(k)) out.push(k); } } catch (e) { /* what can be read */ }
    Object.keys(pending).forEach(function (p) { if (out.indexOf(p) < 0) out.push(p); });
    return out.sort();
  }
  function unsaved() { return Object.keys(pending).length; }

  // Everything a person keeps here, unsaved changes included (values set aside and the backup date are not theirs).
  function everything() {
    var data = dict();
    keys().forEach(function (k) {
      if (/^pb:(aside:|backup$)/.test(k)) return;
      var v = get(k);
      if (v !== undefined) data[k] = v;
    });
    return data;
  }
  var BACKUP = "partnership-playbook/backup";
  function backup() {
    var made = new Date().toISOString();
    window.pbKit.download("playbook-backup-" + made.slice(0, 10) + ".json", "application/json",
      JSON.stringify({ format: BACKUP, formatVersion: 1, made: made, data: everything() }, null, 1));
    set("pb:backup", { made: made });
  }

  // Undo: the values of some keys now, and putting them back (through the store, so it holds when storage is full;
  // other tabs follow through the storage event like any other write).
  function capture(list) {
    var snap = dict();
    list.forEach(function (k) { snap[k] = get(k); });
    return snap;
  }
  function own(o, k) { return has(o, k) ? o[k] : undefined; }
  // Equal values (a key order that differs only makes revert look field by field, with the same result).
  function same(x, y) { return JSON.stringify(x) === JSON.stringify(y); }
  function empty(like) { return Array.isArray(like) ? [] : isMap(like) ? dict() : undefined; }
  // One value undone: what the change made (`made`, from `was`) goes back to `was`; whatever another tab (or a later
  // edit) changed since stays as it is now (`now`). Maps field by field, lists item by item (as maps by ident: a
  // partnership by id, a snapshot by date; by the whole item when a list holds an ident twice, so that no two items
  // fold into one), anything else whole.
  function revert(now, made, was) {
    if (same(now, made)) return was;
    if (now === undefined) return undefined;  // deleted since: stays deleted
    if (made === undefined) made = empty(was);
    if (was === undefined) was = empty(made);
    if (Array.isArray(now) && Array.isArray(made) && Array.isArray(was)) {
      var key = [now, made, was].some(function (l) { return Object.keys(byIdent(l, ident)).length < l.length; }) ? JSON.stringify : ident;
      var order = was.concat(now).map(function (v) { return key(v); }), back = revert(byIdent(now, key), byIdent(made, key), byIdent(was, key));
      return Object.keys(back).sort(function (p, q) { return order.indexOf(p) - order.indexOf(q); })
        .map(function (k) { return back[k]; }).sort(function (p, q) { return p.date < q.date ? -1 : p.date > q.date ? 1 : 0; });
    }
    if (!isMap(now) || !isMap(made) || !isMap(was)) return now;
    var out = dict(now);
    Object.keys(now).concat(Object.keys(made), Object.keys(was)).forEach(function (k) {
      var v = revert(own(now, k), own(made, k), own(was, k));
      if (v === undefined) delete out[k]; else out[k] = v;
    });
    return out;
  }
  function ident(v) { var k = isMap(v) && (v.id || v.date); return isString(k) ? k : JSON.stringify(v); }
  function byIdent(list, key) { var m = dict(); list.forEach(function (v) { m[key(v)] = v; }); return m; }
  // Puts the captured values back, key by key, over what is stored when it is written (read-modify-write, like every
  // edit): with `made` (the values right after the change), only what the change made is undone, and what another
  // tab saved since stays; a value that would not pass its key's check is left as it is.
  function putBack(snap, made) {
    Object.keys(snap).forEach(function (k) {
      update(k, function (now) {
        var v = made ? revert(now, made[k], snap[k]) : snap[k];
        return v === undefined || valid(k, v) ? v : now;
      });
    });
  }
  // A confirmation in `node` with an Undo button (returned); `after` redraws once undone. The values the change made
  // are captured now (call it right after the change). Keyboard focus moves to the message once the button is gone.
  // (Called by components, so the kit's button, pbKit.button, is there.)
  function undoable(node, text, snap, after) {
    var made = capture(Object.keys(snap));
    var b = window.pbKit.button("Undo", function () {
      var had = document.activeElement === b;
      putBack(snap, made);
      node.textContent = "Undone: everything is as it was before.";
      if (after) after();
      if (had && node.isConnected) { node.setAttribute("tabindex", "-1"); node.focus(); }
    });
    b.classList.add("pb-undo");
    node.textContent = text + " ";
    node.append(b);
    return b;
  }

  // What a person confirmed in a question (window.confirm, prompt) is done once the page is idle: Chromium holds back
  // news of another tab's writes while a question is open and delivers it some tasks after (not in the next one), so
  // a change made (or an Undo captured) sooner would start from storage as it was when the question opened, and
  // write over what another tab saved meanwhile. Idle, or 300 ms at most; a browser without idle callbacks (Safari):
  // 100 ms later (the next task is too soon: tests/test_browser_store.py, "none").
  function later(fn) { window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 300 }) : setTimeout(fn, 100); }

  // The lasting message while anything is not saved; it follows instant navigation to every page.
  function show() {
    var n = unsaved(), home = document.querySelector(".md-content__inner") || document.body;
    if (!n) { if (banner) banner.remove(); banner = null; return; }
    if (!home) return;
    if (!banner) {
      banner = window.pbKit.el("div", { "class": "pb-unsaved", role: "alert" });
      banner.append(window.pbKit.el("p"), window.pbKit.button("Download a backup", backup));
    }
    banner.firstChild.textContent = "Not saved: your browser refused to store " + n + (n === 1 ? " change" : " changes") +
      " (storage full or turned off). They stay on screen until you leave this page: download a backup to keep them.";
    if (banner.parentNode !== home) home.insertBefore(banner, home.firstChild);
  }
  window.addEventListener("storage", function () { if (unsaved()) { Object.keys(pending).forEach(flush); show(); } });
  // Closing or reloading the page while changes are not saved would lose them: the browser asks first (instant
  // navigation keeps them, so it does not ask).
  window.addEventListener("beforeunload", function (e) { if (unsaved()) { e.preventDefault(); e.returnValue = ""; } });
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(show);

  // Text from a file or a person, safe to show as a name: bidirectional controls and zero-width characters out,
  // spaces folded, at most `max` characters.
  function name(v, max) {
    return (v && typeof v === "object" ? JSON.stringify(v) : String(v)).replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]/g, "")
      .replace(/\s+/g, " ").trim().slice(0, max || 80);
  }
  // A list of ids for a message: at most five, each cut at 40 characters with an ellipsis, then how many more.
  function few(list) {
    var shown = list.slice(0, 5).map(function (x) { var s = name(x, 200); return s.length > 40 ? s.slice(0, 39) + "\u2026" : s; }).join(", ");
    return list.length > 5 ? shown + " and " + (list.length - 5) + " more" : shown;
  }

  window.pbStore = { readable: !!ls, writable: writable, get: get, set: set, update: update, remove: remove, keys: keys,
    has: has, dict: dict, isMap: isMap, parse: parse, valid: valid, backup: backup, BACKUP: BACKUP,
    capture: capture, undoable: undoable, later: later, name: name, few: few };
})();
