/* The kit's scoring (window.pbScore), the same rule as macros/content/scoring.py; a browser test proves they agree. */
(function (kit) {
  "use strict";

  function percent(num, den) {
    return den > 0 ? Math.floor(num / den * 100 + 0.5) : null;
  }

  // {overall, sections: {id: percent or null}, band}: weighted answers over answered items, "na" left out.
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

  // An answer's label on the checklist's scale ("" for a value it does not have).
  function label(data, value) {
    if (value === "na") return "Not applicable";
    var found = data.scale.filter(function (p) { return p.value === value; })[0];
    return found ? found.label : "";
  }

  window.pbScore = score;
  window.pbLabel = label;
})(window.pbKit);
