/* The checklist component's results: the score as it changes, the section chart and table, next steps, and the
 * place of the toolbar (a.tools) and of its messages (a.status). The scoring key folds away. */
(function (kit) {
  "use strict";
  var el = kit.el, svg = kit.svg, fmt = kit.fmt;

  // The section scores as a chart and as a table (folded), redrawn on every change.
  function sections(a, panel) {
    var data = a.data, id = "chart-" + data.id;
    var chart = svg("svg", { "class": "pb-chart", role: "img", "aria-labelledby": id + "-t " + id + "-d", width: "100%" });
    var table = el("table", { "class": "pb-scores" }), box = el("details", { "class": "pb-fold" });
    box.append(el("summary", {}, "Section scores as a table"), table);
    panel.append(chart, box);
    a.draws.push(function (v) {
      var r = v.r, y = 0, head = el("tr");
      table.textContent = "";
      head.append(el("th", { scope: "col" }, "Section"), el("th", { scope: "col" }, "Score"));
      table.append(head);
      chart.textContent = "";
      chart.append(svg("title", { id: id + "-t" }, "Section scores for " + data.title),
        svg("desc", { id: id + "-d" }, data.sections.map(function (s) {
          return s.title + " " + fmt(r.sections[s.id]); }).join("; ")));
      data.sections.forEach(function (s) {
        var row = el("tr"), value = r.sections[s.id];
        row.append(el("td", {}, s.title), el("td", {}, fmt(value)));
        table.append(row);
        y += kit.caption(chart, s.title, 0, y, 44);
        chart.append(svg("rect", { "class": "pb-chart__track", x: 0, y: y, width: 340, height: 18, rx: 3 }),
          svg("rect", { "class": "pb-chart__bar", x: 0, y: y, width: 3.4 * (value || 0), height: 18, rx: 3 }),
          svg("text", { x: 346, y: y + 14 }, fmt(value)));
        y += 28;
      });
      chart.setAttribute("viewBox", "0 0 400 " + y);
    });
  }

  // Next steps: the weakest answered items first, heavier items breaking ties, with their guidance.
  function nextSteps(a, panel) {
    var steps = el("ol", { "class": "pb-steps" });
    panel.append(el("h3", {}, "Next steps"), steps);
    a.draws.push(function (v) {
      var answers = a.state.answers, weak = [];
      steps.textContent = "";
      Object.keys(answers).forEach(function (id) {
        if (typeof answers[id] === "number" && answers[id] < a.data.max) weak.push(a.known[id].item);
      });
      weak.sort(function (x, y) { return answers[x.id] - answers[y.id] || y.weight - x.weight; });
      weak.slice(0, 5).forEach(function (item) {
        var li = el("li");
        li.append(el("span", {}, item.text + " "), el("a", { href: item.guidance }, "Read the guidance"));
        steps.append(li);
      });
      if (!weak.length) steps.append(el("li", {}, v.r.overall === null ? "Answer items rated below the top of the scale to see what to work on first."
        : "Nothing to improve among the items answered so far."));
    });
  }

  kit.part("checklist", "results", function (a) {
    var panel = el("div", { "class": "pb-live" }), results = a.results, total = a.total;
    var live = el("p", { "class": "pb-live__score", "aria-live": "polite", "role": "status" });
    var basis = el("p", { "class": "pb-live__basis" }), advice = el("p", { "class": "pb-live__advice" });
    panel.append(live, basis, advice);
    sections(a, panel);
    nextSteps(a, panel);
    a.tools = el("div", { "class": "pb-tools" });
    a.status = el("p", { "class": "pb-status", role: "alert" });
    panel.append(a.tools, a.status);
    results.insertBefore(panel, results.children[1] || null);
    // The scoring key, open on the page without JavaScript, folds away once the page scores by itself.
    var key = el("details", { "class": "pb-fold" });
    key.append(el("summary", {}, "How the score is worked out"));
    results.querySelectorAll(".pb-results__how, .pb-bands").forEach(function (n) { key.append(n); });
    results.append(key);
    a.form.classList.add("pb-checklist--live");
    a.draws.push(function (v) {
      var r = v.r, answered = v.answered;
      live.textContent = r.overall !== null ? "Overall score " + r.overall + "%" + (r.band ? ": " + r.band.label : "")
        : !answered ? "No score yet: answer at least one item."
        : answered < total ? "No score yet: every item answered so far is \u201cNot applicable\u201d."
        : "No score: every item is \u201cNot applicable\u201d, so there is nothing to score.";
      basis.textContent = r.overall === null ? "" : answered < total
        ? "Partial score: based on " + (answered - v.na) + " of " + total + " items; " + (total - answered) + " not answered yet."
        : "All " + total + " items answered" + (v.na ? "; " + v.na + " not applicable." : ".");
      advice.textContent = r.band ? r.band.advice : "";
    });
  });
})(window.pbKit);
