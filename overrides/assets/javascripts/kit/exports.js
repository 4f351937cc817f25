/* The kit's export format: files a checklist page saves (JSON, CSV, Markdown) and the one validation of every file
 * people import, whichever page reads it (window.pbParseExport, window.pbReadExport); docs/reference/export-format.md. */
(function (kit) {
  "use strict";
  var S = window.pbStore, label = window.pbLabel, fmt = kit.fmt;
  var FORMAT = "partnership-playbook/assessment";
  var FORMAT_VERSION = 2;  // 2 adds the optional partnership and respondent fields; 1 stays readable
  var MAX_IMPORT = kit.MAX_IMPORT = 1000000;

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
    return checked(doc, data);
  }
  // The cleaned answers and notes of a file for this checklist (another version of it is read by item id), with what
  // the roll-up needs: the checklist, the file's version of it, the names, the date.
  function checked(doc, data) {
    var got = window.pbClean(data, doc), errors = [];
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

  // `who` names the partnership and the respondent for a team roll-up; either may be left out.
  kit.exportJSON = function (data, state, result, who) {
    return JSON.stringify({
      format: FORMAT, formatVersion: FORMAT_VERSION,
      checklist: { id: data.id, version: data.version, title: data.title },
      partnership: who.partnership || undefined, respondent: who.respondent || undefined, side: kit.side() || undefined,
      exported: new Date().toISOString(),
      answers: state.answers, notes: state.notes,
      result: { overall: result.overall, band: result.band && result.band.label, sections: result.sections }
    }, null, 2);
  };

  function csvCell(value) {
    var s = value === undefined || value === null ? "" : String(value);
    // No formulas when opened in a spreadsheet: a cell starting (after spaces or invisible characters) with a
    // formula sign, full-width ones included, or with a tab or a carriage return.
    if (/^[\s\u200b-\u200f\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  kit.exportCSV = function (data, state) {
    var rows = [["section", "item", "text", "answer", "answer_label", "weight", "note"]];
    data.sections.forEach(function (s) {
      s.items.forEach(function (i) {
        var a = state.answers[i.id];
        rows.push([s.id, i.id, i.text, a === undefined ? "" : a, a === undefined ? "" : label(data, a), i.weight, state.notes[i.id] || ""]);
      });
    });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  };

  // Text in Markdown as text: every mark that could start markup, a link, an HTML tag or an entity is escaped.
  function mdText(v) { return String(v).replace(/\s+/g, " ").replace(/[\\`*_{}[\]()<>!|~:&]/g, "\\$&"); }
  kit.exportMarkdown = function (data, state, result, who) {
    var md = "# " + mdText(data.title) + " (version " + data.version + ")\n\n";
    md += (who.partnership ? "Partnership: " + mdText(who.partnership) + "  \n" : "") + "Respondent: " +
      (who.respondent ? mdText(who.respondent) : "not named") + (kit.side() ? " (the partner's side)" : "") + "  \nDate: " +
      kit.localDay(new Date()) + "\n\n";
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
  };

  // A file name part from a name: lowercase letters and digits joined by hyphens, accents dropped ("" when none).
  function slug(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
  }
  // checklist[-partnership]-YYYY-MM-DD[-suffix].ext, for every file a checklist page saves.
  kit.fileName = function (data, partnership, suffix, ext) {
    return [data.id, slug(partnership), kit.localDay(new Date()), suffix].filter(Boolean).join("-") + "." + ext;
  };

  // The checklist as the partner edition has it: internal items, and sections left empty, taken out. Everything
  // made for the other side starts from this (Export for partner, compare.js's agenda, table, scores and chart).
  kit.forPartner = function (data) {
    var open = JSON.parse(JSON.stringify(data));
    open.sections = open.sections.map(function (s) { s.items = s.items.filter(function (i) { return !i.internal; }); return s; })
      .filter(function (s) { return s.items.length; });
    return open;
  };

  // A file the browser saves, made here (no request).
  kit.download = function (name, type, body) {
    var url = URL.createObjectURL(new Blob([body], { type: type }));
    var a = kit.el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  };

  kit.csvCell = csvCell;
  window.pbParseExport = parseExport;
  window.pbReadExport = readExport;
})(window.pbKit);
