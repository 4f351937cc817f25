/* The kit's partnerships: the list kept in this browser, the keys answers and history are kept under, a link
 * naming a partnership, and the two sides of one partnership (issue 22). */
(function (kit) {
  "use strict";
  var S = window.pbStore;

  // The id a checklist about a person (`about: person`) keeps the reader's own answers and history under; partnership
  // ids are "default" or "p" and a time, so it is never one of them.
  kit.PERSON = "me";
  kit.answersKey = function (id, p) { return "pb:checklist:" + id + (p === "default" ? "" : ":" + p); };
  kit.historyKey = function (id, p) { return "pb:history:" + id + ":" + p; };

  // The partnerships kept in this browser (the partnership bar keeps the list): {current, list: [{id, name}]},
  // or the one default partnership while none is saved (the store sets aside a list it cannot read).
  function partnerships(store) {
    return (store && store.get("pb:partnerships")) || { current: "default", list: [{ id: "default", name: "My partnership" }] };
  }
  // Answers are kept per checklist and per partnership: the current one's id.
  kit.partnership = function (store) { return partnerships(store).current || "default"; };
  // The partnership with this id in a list as partnerships() returns it, or undefined.
  function find(reg, pid) { return reg.list.filter(function (p) { return p.id === pid; })[0]; }
  // One change to the list of partnerships, made on the list as saved now (another tab may have changed it).
  function edit(store, fn) {
    return store.update("pb:partnerships", function (reg) { reg = reg || partnerships(null); fn(reg); return reg; });
  }
  // Rename or delete a partnership (the checklist pages' partnership bar and the portfolio board share these): the
  // user is asked first, and the change is made after the question (pbStore.later), on the list as saved then.
  // Renamed, `after` redraws, given what to tell the user.
  function renamePartnership(store, pid, after) {
    var p = find(partnerships(store), pid), was = p ? p.name : "";
    var name = p ? S.name(window.prompt("New name for \u201c" + was + "\u201d:", was) || "") : "";
    if (name && name !== was) S.later(function () {
      edit(store, function (r) { var q = find(r, pid); if (q) q.name = name; });
      after("Renamed \u201c" + was + "\u201d to \u201c" + name + "\u201d.");
    });
  }
  // Deleting one takes its answers and history on every checklist with it (keys pb:checklist:<cid>:<pid>
  // and pb:history:<cid>:<pid>; the default partnership's answers have no suffix). A checklist about a person keeps
  // the reader's own under the id PERSON, which is never a partnership's, so no deletion reaches them.
  // The message that confirms it (in `node`) offers Undo, which puts every key back; `after` redraws, once deleted
  // and once undone. Checked again after the question (`asked`), on what is saved then.
  function deletePartnership(store, pid, node, after, asked) {
    var reg = partnerships(store), p = find(reg, pid);
    if (!p) return;
    if (reg.list.length < 2) { node.textContent = "Keep at least one partnership; clear its answers instead."; return; }
    if (!asked) {
      if (window.confirm("Delete the partnership \u201c" + p.name + "\u201d? Its answers and history on every checklist " +
        "are deleted from this browser too. You can undo it from the message that follows, until you leave the page."))
        S.later(function () { deletePartnership(store, pid, node, after, true); });
      return;
    }
    var keys = store.keys().filter(function (k) {
      var part = k.split(":");
      return (part[1] === "checklist" || part[1] === "history") &&
        (part.length === 4 ? part[3] === pid : pid === "default" && part[1] === "checklist" && part.length === 3);
    }), snap = store.capture(keys.concat("pb:partnerships"));
    keys.forEach(store.remove);
    edit(store, function (r) {
      r.list = r.list.filter(function (x) { return x.id !== pid; });
      if (r.current === pid || !r.list.some(function (x) { return x.id === r.current; })) r.current = r.list[0].id;
    });
    store.undoable(node, "Deleted \u201c" + p.name + "\u201d with its answers and history.", snap, after);
    after();
  }
  // A link may name the partnership to show, as the portfolio's cells do (?partnership=<id>): a partnership
  // kept here becomes the current one before the form loads its answers, however other tabs have changed the
  // current one meanwhile; the name leaves the address, so a reload shows whatever is current then.
  // kit.lost: a partnership a link named that is not kept here (the page says so), else null.
  kit.lost = null;
  kit.followLink = function (store) {
    var u = new URL(location.href), pid = u.searchParams.get("partnership"), reg = partnerships(store);
    var lost = kit.lost = pid !== null && !find(reg, pid) ? pid : null;
    if (pid === null) return;
    if (reg.current !== pid && !lost) edit(store, function (r) { r.current = pid; });
    u.searchParams.delete("partnership");
    try { history.replaceState(history.state, "", u.href); } catch (e) { /* an address that cannot change */ }
  };

  /* -- Two sides of one partnership (issue 22) -------------------------------- */
  // The side this edition answers from: "partner" in the partner edition (main.html marks every page), else "".
  // Its exports say so ("side": "partner"), so the other side's files join a partnership of ours, never a new one.
  function side() { return document.querySelector(".pb-edition--public") ? "partner" : ""; }
  // A file from the other side answered every item from its own side: its answer to an item about one side is
  // read as its answer to that item's mirror (the same question about the same company), so that like is
  // compared with like. Items about both sides stay as they are. Returns {answers, notes} in the reader's frame.
  function align(data, got) {
    if (got.side === side()) return { answers: got.answers, notes: got.notes };
    var out = { answers: S.dict(), notes: S.dict() };  // keyed by item ids: `constructor` is a valid one
    data.sections.forEach(function (s) {
      s.items.forEach(function (i) {
        var from = i.mirror || i.id;
        ["answers", "notes"].forEach(function (k) { if (got[k][from] !== undefined) out[k][i.id] = got[k][from]; });
      });
    });
    return out;
  }

  kit.partnerships = partnerships;
  kit.findPartnership = find;
  kit.editPartnerships = edit;
  kit.renamePartnership = renamePartnership;
  kit.deletePartnership = deletePartnership;
  kit.side = side;
  kit.align = align;
})(window.pbKit);
