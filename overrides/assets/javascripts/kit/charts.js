/* The kit's charts: labels wrapped above their bars (the results', the comparison's, the history's, the board's). */
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
})(window.pbKit);
