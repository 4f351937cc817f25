/* The kit's charts: labels wrapped above their bars, and the width the comparison and history charts are drawn at. */
(function (kit) {
  "use strict";

  // A chart label: the full text above its bar, wrapped at word boundaries (never cut); returns its height.
  kit.caption = function (chart, text, x, y, max) {
    var lines = [""], t = kit.svg("text", { x: x, y: y + 13 });
    text.split(" ").forEach(function (w) {
      var n = lines.length - 1;
      if (lines[n] && (lines[n] + " " + w).length > max) lines.push(w); else lines[n] += (lines[n] ? " " : "") + w;
    });
    lines.forEach(function (line, n) { t.append(kit.svg("tspan", { x: x, dy: n ? 16 : 0 }, line)); });
    chart.append(t);
    return lines.length * 16;
  };

  // The comparison and history charts are drawn 600 units wide, or 400 on a phone (the stylesheet's breakpoint), so
  // that their text stays as large as the results chart's: 600 units on a 390 px screen made it about 9 px high.
  kit.chartWidth = function () {
    try { return window.matchMedia("(max-width: 44.9375em)").matches ? 400 : 600; } catch (e) { return 600; }
  };
})(window.pbKit);
