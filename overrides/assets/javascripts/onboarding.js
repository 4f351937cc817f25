/* Partnership Playbook: onboarding programmes (done state, progress, summary) and the bar on their step pages.
 *
 * Mounts on form[data-pb-path] (the programme page, macros/render/onboarding.py) and on div[data-pb-steps]
 * (a step's page, macros/render/steps.py), once per element, on every document$ emission. Programme pages load
 * it; a step page loads it through steps.js only for a reader following one of its programmes (the other pages
 * never download it); after playbook.js, whose pbKit it uses. Material's instant navigation loads it again
 * when it brings a programme page in: it runs once.
 * Without it the programme is still a list of steps with links, and prints; a step page is the page.
 */
(function () {
  "use strict";
  if (window.pbPathLoaded) return;
  window.pbPathLoaded = true;

  /* -- Storage: the only reads and writes of programme ticks and of the programme followed -------------- */
  // Through the one store (store.js, pbKit.storage()): values are checked when read, and an edit the browser
  // refuses stays in memory (and on screen) until it can be written.
  // pb:path:<programme> holds {done: [step ids], at: {step id: ISO time it was ticked}}; values saved before
  // `at` existed ({done} alone) still read, their steps without a date.
  function readTicks(pid) {
    var v = window.pbKit.storage().get("pb:path:" + pid);
    var t = { done: Object.create(null), at: Object.create(null) };
    if (v && Array.isArray(v.done)) v.done.forEach(function (id) {
      if (typeof id !== "string") return;
      t.done[id] = true;
      if (v.at && typeof v.at[id] === "string" && !isNaN(Date.parse(v.at[id]))) t.at[id] = v.at[id];
    });
    return t;
  }
  // One step ticked or not, on top of what is saved now (another tab's ticks stay); false when not kept yet.
  function writeTicks(pid, sid, on) {
    return window.pbKit.storage().update("pb:path:" + pid, function (v) {
      var done = ((v && v.done) || []).filter(function (x) { return x !== sid; }), at = Object.create(null);
      if (v && v.at) Object.keys(v.at).forEach(function (x) { if (x !== sid) at[x] = v.at[x]; });
      if (on) { done.push(sid); at[sid] = (v && v.at && v.done.indexOf(sid) >= 0 && v.at[sid]) || new Date().toISOString(); }
      return { done: done, at: at };
    });
  }
  // pb:following: the id of the programme the reader last opened a step from.
  function readFollowing() {
    var v = window.pbKit.storage().get("pb:following");
    return typeof v === "string" ? v : null;
  }
  function writeFollowing(pid) {
    window.pbKit.storage().set("pb:following", pid);
  }
  function isTicks(e, pid) { return e.key === null || e.key === "pb:path:" + pid; }

  /* -- Completion: when the last step was ticked, and a record a manager can file ---------------------- */
  // The latest tick's time once every step is done; "" when a step was ticked before dates were kept.
  function completedAt(ids, t) {
    var last = "", undated = false;
    for (var i = 0; i < ids.length; i++) {
      if (!t.done[ids[i]]) return null;
      if (!t.at[ids[i]]) undated = true; else if (t.at[ids[i]] > last) last = t.at[ids[i]];
    }
    return undated ? "" : last;
  }
  function record(data, t, when) {
    var kit = window.pbKit, rows = [["programme", "programme_title", "completed_on", "step", "step_title", "done_on"]];
    data.steps.forEach(function (s) {
      rows.push([data.id, data.title, kit.localDay(when), s[0], s[1], t.at[s[0]] ? kit.localDay(t.at[s[0]]) : ""]);
    });
    return rows.map(function (r) { return r.map(kit.csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  /* -- The programme page ------------------------------------------------------------------------------- */
  function mountPath(form) {
    var kit = window.pbKit, el = kit.el, data = JSON.parse(form.getAttribute("data-pb-data"));
    var store = kit.storage(), t = readTicks(data.id), ids = data.steps.map(function (s) { return s[0]; });
    var boxes = form.querySelectorAll('input[type="checkbox"]');
    var bar = form.querySelector("progress"), count = form.querySelector(".pb-path__count");
    var summary = form.querySelector("[data-pb-path-summary]");
    var go = el("a", { "class": "md-button md-button--primary pb-path__continue" });
    var finished = el("p", { "class": "pb-path__finished", role: "status" });
    var list = el("ul"), tools = el("div", { "class": "pb-tools" });
    form.querySelector(".pb-path__progress").after(go, finished);
    summary.append(el("h2", { id: "pb-path-" + data.id + "-summary" }, "Summary"), list, tools);
    var file = el("button", { type: "button", "class": "md-button" }, "Download completion record (CSV)");
    file.addEventListener("click", function () {
      var when = completedAt(ids, t);
      kit.download(data.id + "-completed-" + (when ? kit.localDay(when) : "undated") + ".csv", "text/csv", record(data, t, when));
    });
    function update() {
      var n = 0, open = null, when;
      list.textContent = "";
      data.steps.forEach(function (s, i) {
        if (t.done[s[0]]) n++; else if (open === null) open = i;
        list.append(el("li", {}, (t.done[s[0]] ? "Done: " : "To do: ") + s[1] + (t.at[s[0]] ? " (" + kit.localDay(t.at[s[0]]) + ")" : "")));
      });
      boxes.forEach(function (b) { b.checked = !!t.done[b.name]; });
      bar.value = n;
      bar.textContent = n + " of " + ids.length;
      count.textContent = n + " of " + ids.length + " steps done" + (n === ids.length ? ": programme complete." : "");
      go.hidden = open === null;
      if (open !== null) {
        go.href = data.steps[open][2];
        go.textContent = (n ? "Continue" : "Start") + ": step " + (open + 1) + ", " + data.steps[open][1];
      }
      when = completedAt(ids, t);
      finished.hidden = when === null;
      finished.textContent = when === null ? "" : when ? "Completed on " + kit.localDay(when) + "." :
        "Complete (no date: some steps were ticked before this playbook kept dates).";
      file.hidden = when === null;
    }
    // One tick changes, on top of what is saved now.
    form.addEventListener("change", function (e) {
      if (e.target.type !== "checkbox") return;
      writeTicks(data.id, e.target.name, e.target.checked);
      t = readTicks(data.id);
      update();
    });
    kit.watch(form, function (e) { if (isTicks(e, data.id)) { t = readTicks(data.id); update(); } });
    var b1 = el("button", { type: "button", "class": "md-button" }, "Export summary");
    b1.addEventListener("click", function () {
      kit.download(data.id + "-progress.md", "text/markdown", "# " + data.title + "\n\n" + data.steps.map(function (s) {
        return "- [" + (t.done[s[0]] ? "x" : " ") + "] " + s[1]; }).join("\n") + "\n");
    });
    var b2 = el("button", { type: "button", "class": "md-button" }, "Print");
    b2.addEventListener("click", function () { window.print(); });
    tools.append(file, b1, b2);
    if (!store.writable) summary.append(el("p", { "class": "pb-storage-warning" }, "Your browser is not letting this page store data, so ticks will not be kept."));
    update();
  }

  /* -- A step's page: which programme, step n of N, done, next, back --------------------------------------- */
  // The programme this page is a step of for this reader: the one its link names, else the one they follow.
  function chosen(programmes) {
    var named = null, want = null;
    try { named = new URL(location.href).searchParams.get("programme"); } catch (e) { /* no address to read */ }
    function find(id) { return programmes.filter(function (p) { return p.id === id; })[0] || null; }
    if (named !== null && (want = find(named))) { if (readFollowing() !== named) writeFollowing(named); return want; }
    return find(readFollowing());
  }
  // Of the steps on this page, the one whose heading the address names, else the first.
  function position(p) {
    var hash = location.hash;
    for (var i = 0; i < p.here.length; i++) {
      var url = p.steps[p.here[i]].url, at = url.indexOf("#");
      if (hash && at >= 0 && url.slice(at) === hash) return p.here[i];
    }
    return p.here[0];
  }
  function mountSteps(node) {
    var kit = window.pbKit, el = kit.el, p = chosen(JSON.parse(node.getAttribute("data-pb-data")).programmes);
    if (!p) return;  // not followed from a programme: the page is just the page
    var n = position(p), step = p.steps[n], next = p.steps[n + 1], box = el("input", { type: "checkbox", "class": "pb-steps__box" });
    var bar = el("nav", { "class": "pb-steps__bar", "aria-label": "Onboarding programme" });
    var done = el("label", { "class": "pb-steps__done" }, "Mark this step done");
    done.prepend(box);
    var where = el("p", { "class": "pb-steps__where" });
    where.append(el("strong", { "class": "pb-steps__count" }, "Step " + (n + 1) + " of " + p.steps.length), " in ",
      el("a", { "class": "pb-steps__programme", href: p.url }, p.title));
    bar.append(where, done,
      next ? el("a", { "class": "md-button md-button--primary pb-steps__next", href: next.url }, "Next: " + next.title)
        : el("a", { "class": "md-button md-button--primary pb-steps__next", href: p.url }, "Last step: back to the programme"));
    function update() { box.checked = !!readTicks(p.id).done[step.id]; }
    // A tick the browser refuses stays in the store's memory; the store's own message says it is not saved.
    box.addEventListener("change", function () { writeTicks(p.id, step.id, box.checked); });
    kit.watch(node, function (e) { if (isTicks(e, p.id)) update(); });
    node.append(bar);
    node.hidden = false;
    update();
  }

  if (window.pbKit) window.pbKit.everyPage(function () {
    window.pbKit.mountEach("form[data-pb-path]", "data-pb-mounted", mountPath, "Onboarding enhancement failed; the plain list still works.");
    window.pbKit.mountEach("div[data-pb-steps]", "data-pb-mounted", mountSteps, "The programme bar failed; the page still reads.");
  });
})();
