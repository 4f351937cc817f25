/* Partnership Playbook: onboarding programmes (done state, progress, summary).
 *
 * Mounts on form[data-pb-path] (macros/content/onboarding.py), once per element, on every document$ emission.
 * Loaded by the onboarding pages only (the assessment pages never download it), after playbook.js, whose
 * pbKit it uses. Material's instant navigation loads it again when it brings such a page in: it runs once.
 * Without it the programme is still a list of steps with links, and prints.
 */
(function () {
  "use strict";
  if (window.pbPathLoaded) return;
  window.pbPathLoaded = true;

  function mountPath(form) {
    var kit = window.pbKit, el = kit.el, data = JSON.parse(form.getAttribute("data-pb-data"));
    var store = kit.storage(), k = "pb:path:" + data.id, done = saved();
    // Ticks saved now (by this tab or another one).
    function saved() {
      var d = Object.create(null);
      ((store && store.get(k)) || { done: [] }).done.forEach(function (id) { d[id] = true; });
      return d;
    }
    var boxes = form.querySelectorAll('input[type="checkbox"]');
    var bar = form.querySelector("progress"), count = form.querySelector(".pb-path__count");
    var summary = form.querySelector("[data-pb-path-summary]");
    var list = el("ul"), tools = el("div", { "class": "pb-tools" });
    summary.append(el("h2", { id: "pb-path-" + data.id + "-summary" }, "Summary"), list, tools);
    function update() {
      var n = 0;
      list.textContent = "";
      data.steps.forEach(function (s) {
        if (done[s[0]]) n++;
        list.append(el("li", {}, (done[s[0]] ? "Done: " : "To do: ") + s[1]));
      });
      boxes.forEach(function (b) { b.checked = !!done[b.name]; });
      bar.value = n;
      bar.textContent = n + " of " + data.steps.length;
      count.textContent = n + " of " + data.steps.length + " steps done" + (n === data.steps.length ? ": programme complete." : "");
    }
    // One tick changes, on top of what is saved now.
    form.addEventListener("change", function (e) {
      if (e.target.type !== "checkbox") return;
      var id = e.target.name, on = e.target.checked;
      // Through the one store: a tick the browser refuses to keep stays on screen and in memory, and the page says so.
      if (store) {
        store.update(k, function (v) {
          var list = (v || { done: [] }).done.filter(function (x) { return x !== id; });
          return { done: on ? list.concat(id) : list };
        });
        done = saved();
      } else if (on) done[id] = true; else delete done[id];
      update();
    });
    kit.watch(form, function (e) { if (e.key === k || e.key === null) { done = saved(); update(); } });
    var b1 = el("button", { type: "button", "class": "md-button" }, "Export summary");
    b1.addEventListener("click", function () {
      kit.download(data.id + "-progress.md", "text/markdown", "# " + data.title + "\n\n" + data.steps.map(function (s) {
        return "- [" + (done[s[0]] ? "x" : " ") + "] " + s[1]; }).join("\n") + "\n");
    });
    var b2 = el("button", { type: "button", "class": "md-button" }, "Print");
    b2.addEventListener("click", function () { window.print(); });
    tools.append(b1, b2);
    if (!store) summary.append(el("p", { "class": "pb-storage-warning" }, "Your browser is not letting this page store data, so ticks will not be kept."));
    update();
  }

  if (window.pbKit) window.pbKit.everyPage(function () {
    window.pbKit.mountEach("form[data-pb-path]", "data-pb-mounted", mountPath, "Onboarding enhancement failed; the plain list still works.");
  });
})();
