"""Join the project's classic scripts into the files pages load (an `on_post_build` step, before minifying).

Each component and each part of the shared kit is a file of its own in overrides/ (one idea per file); a page
loads them as one file, so it makes no more requests than before the split, and gzip compresses the parts
together (joining the kit and compare.js saved 1.1 KB of a checklist page's 17.3 KB). JOINED is the one place
that says which source files make up each shipped file, in order.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

_JS = "assets/javascripts/"

#: Each shipped file and the source files it is made of, in order (the shipped file's own source among them, by
#: name). Order matters: the store first, then the kit's core and parts, the checklist component's state and parts
#: (they mount in this order, which is the order they appear on the page), the component's start, then the
#: comparison component's partnership bar and its folded panel, which build on the mounted checklist. compare.js,
#: what the panel holds (comparison and history), is a file of its own that the panel loads when it first opens, so
#: a checklist page's first load keeps within 16 KB gzipped (issues 21 and 24). rollup.js, the portfolio page's
#: team roll-up, is joined from its parts the same way.
JOINED: dict[str, tuple[str, ...]] = {
    _JS + "playbook.js": tuple(_JS + name for name in (
        "store.js",
        "kit/core.js", "kit/scoring.js", "kit/answers.js", "kit/partnerships.js", "kit/exports.js", "kit/menu.js",
        "kit/charts.js",
        "checklist/state.js", "checklist/results.js", "checklist/bar.js", "checklist/resume.js", "checklist/kept.js",
        "checklist/notes.js", "checklist/toolbar.js",
        "playbook.js",
        "compare/partnerships.js", "compare/panel.js",
    )),
    # On demand: the comparison panel's contents, loaded by compare/panel.js when the panel first opens.
    _JS + "compare.js": tuple(_JS + name for name in ("compare/sides.js", "compare/history.js", "compare.js")),
    # The portfolio page's team roll-up (its own SCRIPTS, macros/render/portfolio.py): the arithmetic, then each part
    # in the order the page shows it (controls, grid and agenda, respondents), the files, then the mount.
    _JS + "rollup.js": tuple(_JS + name for name in ("rollup/model.js", "rollup/tools.js", "rollup/grid.js",
                                                     "rollup/people.js", "rollup/files.js", "rollup.js")),
}


def join_scripts(site_dir: Path) -> list[str]:
    """Write each JOINED file in `site_dir` from its parts, in order, and remove the parts' own copies; the files joined.

    A file already joined (its parts gone, itself there) is left as it is, so running this again changes nothing;
    any other part missing stops the build before anything is joined, naming every one, rather than ship a page
    without it.
    """
    todo, problems = [], []
    for target, parts in JOINED.items():
        pieces = [site_dir / part for part in parts]
        missing = [part for part, piece in zip(parts, pieces) if not piece.is_file()]
        if missing == [part for part in parts if part != target] and (site_dir / target).is_file():
            continue  # joined by an earlier run
        if missing:
            problems.append(f"{target} is joined from {len(parts)} scripts (JOINED in macros/build/join.py), but the "
                            f"site has no {', '.join(missing)}: expected each in overrides/; add the file, or take it "
                            f"out of JOINED")
        todo.append((target, pieces))
    if problems:
        raise PluginError("\n".join(problems))
    for target, pieces in todo:
        text = "\n".join(piece.read_text(encoding="utf-8") for piece in pieces)
        for piece in pieces:
            piece.unlink()
        for folder in {piece.parent for piece in pieces}:  # kit/, checklist/: no empty folders left in the site
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        (site_dir / target).write_text(text, encoding="utf-8")
    return [target for target, _ in todo]
