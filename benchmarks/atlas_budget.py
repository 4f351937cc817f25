"""Atlas-scale build benchmark (a script, not a test): `make bench` runs it.

Generates, in a temporary folder, a handbook shaped like a mature playbook
(9 volumes, 36 chapters, about 500 articles of about 600 words, 100 checklists
of 10 items used on article pages) next to the real content, then measures in
one run, as medians of several repetitions. The builds take turns in each
repetition and the budget ratios are taken within a repetition before the
median, so a slower spell of the machine cancels out; the spread over the
repetitions is printed with each ratio:

  a) a full strict build with the project's configuration;
  b) the same Markdown built with stock Material (search only) as reference;
  c) the project's build with the checklist macros disabled: a copy of the
     atlas without any checklist() call or checklist file, whose pages the
     macros plugin still renders, so (a) - (c) is what the checklists cost:
     loading and validating them, rendering them, and indexing, printing
     and writing their content;
  d) the rebuild `make serve` does after editing one article and, separately,
     one checklist (macros/incremental.py, kept in memory between edits),
     checking the edit is visible and the search index did not shrink;
  peak memory of each, and per-page HTML size.

For information it also builds the project with the macros plugin removed
(the plugin's own cost and the checklists' together) and times, inside one
build, where that difference goes: importing the plugin, loading and
validating the checklists, the plugin compiling pages with Jinja, rendering
the checklists, and the project's hooks that place the forms.

Budgets: (a) <= 0.5 x (b); macros <= 5 % of (a); (d) <= 2 s; pages <= 60 KB.
A missed budget is printed as FAIL with the measured figure.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import NamedTuple

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros.site import MACRO_CALL  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COPY = ["docs", "data", "macros", "overrides", "mkdocs.yml"]
WORDS = ("partner trust value customer plan review risk gain share lead project market channel "
         "support quarter signal decision owner target offer team process contract reason").split()
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}


# -- The synthetic atlas ---------------------------------------------------------
def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, n: int = 5) -> str:
    return " ".join(sentence(rng) for _ in range(n))


def generate(project: Path, articles: int = 500, checklists: int = 100, seed: int = 7) -> dict:
    rng = random.Random(seed)
    layout = [(v, c) for v in range(1, 10) for c in range(1, 5)]  # 9 volumes x 4 = 36 chapters
    pages = [(v, c, a) for i, (v, c) in enumerate(layout)
             for a in range(1, articles // len(layout) + (1 if i < articles % len(layout) else 0) + 1)]
    path = lambda v, c, a: f"atlas/vol-{v}/ch-{c}/art-{a}.md"  # noqa: E731
    nav: list = []
    for v in range(1, 10):
        chapters = []
        for c in range(1, 5):
            chapters.append({f"Chapter {v}.{c}": [path(v, c, a) for (vv, cc, a) in pages if (vv, cc) == (v, c)]})
        nav.append({f"Volume {v}": chapters})
    data = project / "data" / "checklists"
    for i, (v, c, a) in enumerate(pages):
        target = project / "docs" / path(v, c, a)
        target.parent.mkdir(parents=True, exist_ok=True)
        uses = i < checklists
        other = pages[(i * 37 + 11) % len(pages)]
        rel = os.path.relpath(path(*other), os.path.dirname(path(v, c, a)))
        body = [("---\nrender_macros: true\n---\n\n" if uses else "") + f"# Article {v}.{c}.{a}\n",
                paragraph(rng, 4)]
        for h in range(1, 5):
            body += [f"## Topic {h} {{#topic-{h}}}", paragraph(rng, 9),
                     f"See also [a related article]({rel}#topic-{1 + h % 4})."]
            if h == 2:
                body += ['!!! tip "In practice"', textwrap.indent(paragraph(rng, 2), "    ")]
        if uses:
            body.append(f'{{{{ checklist("atlas-{i:03d}") }}}}')
            items = [{"id": f"i{k}", "text": sentence(rng), "weight": 1 + k % 3,
                      "guidance": f"{path(*pages[(i + k) % len(pages)])}#topic-{1 + k % 4}"} for k in range(10)]
            (data / f"atlas-{i:03d}.yml").write_text(yaml.safe_dump({
                "id": f"atlas-{i:03d}", "title": f"Atlas checklist {i}", "version": 1, "summary": sentence(rng),
                "bands": [{"min": 0, "max": 49, "label": "Low", "advice": "Improve."},
                          {"min": 50, "max": 100, "label": "High", "advice": "Keep going."}],
                "sections": [{"id": "a", "title": "First", "items": items[:5]},
                             {"id": "b", "title": "Second", "items": items[5:]}]}, sort_keys=False))
        target.write_text("\n\n".join(body) + "\n")
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["nav"].append({"Atlas": nav})
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    words = sum(len(p.read_text().split()) for p in (project / "docs" / "atlas").rglob("*.md"))
    return {"articles": len(pages), "checklists": min(checklists, len(pages)), "words_per_article": words // len(pages),
            "first": path(*pages[0]), "plain": path(*pages[-1])}


def without_checklists(project: Path, variant: Path) -> None:
    """A copy of `project` with the checklist macros disabled: no checklist() call and no checklist file.

    The pages keep `render_macros: true`, so the macros plugin compiles and
    renders the same pages as in (a); only the checklists' own work is gone.
    """
    shutil.copytree(project, variant, ignore=shutil.ignore_patterns("site-*"))
    for path in (variant / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "render_macros: true" in text:
            path.write_text(MACRO_CALL.sub("", text), encoding="utf-8")
    for path in (variant / "data" / "checklists").glob("*.y*ml"):
        path.unlink()


def write_configs(project: Path) -> None:
    """Stock Material on the same content, and the project without the macros plugin."""
    project_config = yaml.safe_load((project / "mkdocs.yml").read_text())
    stock = {"site_name": "Atlas (stock Material)", "docs_dir": "docs", "theme": {"name": "material"},
             "plugins": ["search"], "nav": project_config["nav"],
             "markdown_extensions": project_config["markdown_extensions"]}
    (project / "stock.yml").write_text(yaml.safe_dump(stock, sort_keys=False))
    no_macros = dict(project_config)
    no_macros["plugins"] = [p for p in project_config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    no_macros["strict"] = False  # the unrendered {{ checklist() }} calls are plain text here
    (project / "no-macros.yml").write_text(yaml.safe_dump(no_macros, sort_keys=False))


# -- Measuring ---------------------------------------------------------------------
class Run(NamedTuple):
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the child: less disturbed by other work on the machine
    peak: float  # peak RSS, MB
    out: str


def run(cmd: list[str], cwd: Path) -> Run:
    """Wall seconds, CPU seconds and peak RSS of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""  # read fully before wait4 reaps the child
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{out[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


def builds(runs: dict[str, tuple[Path, str]], reps: int) -> dict[str, list[Run]]:
    """Every repetition of each (project, config); they take turns in each repetition."""
    done: dict[str, list[Run]] = {name: [] for name in runs}
    for _ in range(reps):
        for name, (project, config) in runs.items():
            done[name].append(run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", f"site-{name}"],
                                  project))
    return done


def spread(values: list[float]) -> str:
    """The spread of per-repetition figures, to show how much one run can be trusted."""
    return f"{min(values):.2f} to {max(values):.2f}"


REBUILD = r"""
import json, sys, time
from pathlib import Path
project, edits = Path(sys.argv[1]), json.loads(sys.argv[2])
sys.path.insert(0, str(project))
from macros.incremental import Session
session = Session(project / "mkdocs.yml", project / "serve-site", site_url="http://127.0.0.1:8000/")
from macros.serve import LastGood
session.full()  # the first build `make serve` does at start-up
(project / "serve-served").mkdir()
last_good = LastGood(project / "serve-site", project / "serve-served")  # the copy the browser is served
last_good.update()
out = {}
for name, (path, old, new, check, marker) in edits.items():
    file = project / path
    file.write_text(file.read_text().replace(old, new, 1))
    start = time.perf_counter(); done = session.update(); seconds = time.perf_counter() - start
    start = time.perf_counter(); last_good.update(); copy = time.perf_counter() - start
    html = (project / "serve-served" / check).read_text()
    index = json.loads((project / "serve-served" / "search" / "search_index.json").read_text())
    out[name] = {"seconds": seconds + copy, "copy": copy, "visible": marker in html, "search_docs": len(index["docs"]),
                 "rebuilt": done}
print("RESULT " + json.dumps(out))
"""


BREAKDOWN = r"""
import json, sys, time
from collections import Counter
from pathlib import Path
project = Path(sys.argv[1])
sys.path.insert(0, str(project))
# What MkDocs, Material, print-site and Markdown import anyway, so that only the plugin's own imports are timed.
import jinja2, markdown, pymdownx.superfences, mkdocs.commands.build, mkdocs.config  # noqa: E401
import material.plugins.search.plugin, mkdocs_print_site_plugin.plugin  # noqa: E401
start = time.perf_counter(); import mkdocs_macros.plugin; imported = time.perf_counter() - start  # noqa: E702
import macros.render, macros.site
spent = Counter()
def timed(key, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - start
    return wrapper
macros.site.prepare = timed("prepare", macros.site.prepare)
macros.render.render_checklist = timed("render", macros.render.render_checklist)
macros.render.render_paper = timed("render", macros.render.render_paper)
jinja2.Environment.from_string = timed("jinja", jinja2.Environment.from_string)
config = mkdocs.config.load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site-breakdown"))
plugins = config.plugins
for name, methods in plugins.events.items():
    for i, method in enumerate(methods):
        origin = plugins._event_origins.get(method, "?")
        methods[i] = wrapper = timed(f"{origin} {name}", method)
        plugins._event_origins[wrapper] = origin
start = time.perf_counter(); mkdocs.commands.build.build(config); total = time.perf_counter() - start  # noqa: E702
print("RESULT " + json.dumps({"import": imported, "total": total, **spent}))
"""


def breakdown(project: Path) -> dict:
    """Where the macros' cost goes, timed inside one build (informative; the budget uses (a) and (c))."""
    out = run([sys.executable, "-c", BREAKDOWN, str(project)], project).out
    line = next(l for l in out.splitlines() if l.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def rebuilds(project: Path, info: dict) -> tuple[dict, float]:
    article = info["plain"]
    edits = {
        "article": [f"docs/{article}", "## Topic 1 {#topic-1}", "## Topic 1 EDITED-ARTICLE {#topic-1}",
                    article.removesuffix(".md") + "/index.html", "EDITED-ARTICLE"],
        "checklist": ["data/checklists/atlas-000.yml", "title: Atlas checklist 0\n", "title: EDITED-CHECKLIST\n",
                      info["first"].removesuffix(".md") + "/index.html", "EDITED-CHECKLIST"],
    }
    _, _, peak, out = run([sys.executable, "-c", REBUILD, str(project), json.dumps(edits)], project)
    line = next(l for l in out.splitlines() if l.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT ")), peak


def page_sizes(site: Path) -> list[int]:
    return [p.stat().st_size for p in site.rglob("index.html") if "print_page" not in p.parts]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--checklists", type=int, default=100)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="atlas-") as tmp:
        project, variant = Path(tmp) / "atlas", Path(tmp) / "atlas-no-checklists"
        for name in COPY:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
        info = generate(project, args.articles, args.checklists)
        write_configs(project)
        without_checklists(project, variant)
        print(f"atlas: {info['articles']} articles (~{info['words_per_article']} words each), "
              f"{info['checklists']} checklists, {args.reps} repetitions each", flush=True)
        done = builds({"full": (project, "mkdocs.yml"), "bare": (variant, "mkdocs.yml"),
                       "plain": (project, "no-macros.yml"), "stock": (project, "stock.yml")}, args.reps)
        names = ("full", "stock", "bare", "plain")
        full, stock, bare, plain = (statistics.median(r.seconds for r in done[name]) for name in names)
        full_peak, stock_peak, bare_peak, plain_peak = (max(r.peak for r in done[name]) for name in names)
        # Each repetition builds (a), (c) and (b) in turn: ratios are taken within a repetition, then the
        # median, so that a slow spell of the machine cancels out instead of landing on one side.
        def ratios_of(measure):  # type: ignore[no-untyped-def]
            return ([measure(f) / measure(s) for f, s in zip(done["full"], done["stock"])],
                    [(measure(f) - measure(b)) / measure(f) * 100 for f, b in zip(done["full"], done["bare"])])
        ratios, overheads = ratios_of(lambda r: r.seconds)
        cpu_ratios, cpu_overheads = ratios_of(lambda r: r.cpu)
        print(f"(a) project build:        {full:6.2f} s  peak {full_peak:5.0f} MB", flush=True)
        print(f"(b) stock Material:       {stock:6.2f} s  peak {stock_peak:5.0f} MB", flush=True)
        print(f"(c) checklist macros off: {bare:6.2f} s  peak {bare_peak:5.0f} MB  (no checklist() call, no checklist "
              "file; the macros plugin renders the same pages)", flush=True)
        print(f"    macros plugin removed: {plain:6.2f} s  peak {plain_peak:5.0f} MB  (informative: the plugin's own "
              f"cost and the checklists' together, {(full - plain) / full * 100:.1f}% of (a))", flush=True)
        edits, edit_peak = rebuilds(project, info)
        for name, result in edits.items():
            print(f"(d) rebuild after editing one {name}: {result['seconds']:6.2f} s ({result['rebuilt']} rebuilt; "
                  f"{result['copy']:.3f} s of it copying to the served folder), "
                  f"edit visible: {result['visible']}, search entries: {result['search_docs']}", flush=True)
        parts = breakdown(project)
        plugin = sum(v for k, v in parts.items() if k.startswith("macros ")) - parts["prepare"] - parts["render"]
        hooks = sum(parts.get(f"macros/hooks.py {event}", 0) for event in ("page_content", "page_context"))
        print(f"    timed inside one build of {parts['total']:.2f} s: "
              f"importing the macros plugin {parts['import']:.2f} s; scanning the docs, loading and validating checklists "
              f"{parts['prepare']:.2f} s; the plugin compiling pages with Jinja {parts['jinja']:.2f} s and its other "
              f"work {plugin - parts['jinja']:.2f} s; rendering checklists {parts['render']:.2f} s; placing forms and "
              f"back-links (hooks) {hooks:.2f} s; indexing, printing and writing the checklists' content make up the "
              "rest of (a) - (c)",
              flush=True)
        sizes = page_sizes(project / "site-full")
        ratio, overhead = statistics.median(ratios), statistics.median(overheads)
        rebuild = max(r["seconds"] for r in edits.values())
        indexed = len(json.loads((project / "site-full" / "search" / "search_index.json").read_text())["docs"])
        correct = all(r["visible"] and r["search_docs"] == indexed for r in edits.values())
        peak = max(full_peak, stock_peak, bare_peak, plain_peak, edit_peak)
        print(f"budget full build <= 0.5x stock: {ratio:.2f}x (repetitions {spread(ratios)}) {verdict(ratio <= 0.5)}")
        print(f"budget checklist macros <= 5% of build: {overhead:.1f}% (repetitions {spread(overheads)}) "
              f"{verdict(overhead <= 5)}")
        print(f"    the same in CPU time (user + system), less disturbed by other work on the machine: "
              f"{statistics.median(cpu_ratios):.2f}x ({spread(cpu_ratios)}), "
              f"{statistics.median(cpu_overheads):.1f}% ({spread(cpu_overheads)})")
        print(f"budget one-edit rebuild <= 2 s and correct: {rebuild:.2f} s, correct={correct} "
              f"{verdict(rebuild <= 2 and correct)}")
        print(f"budget page HTML <= 60 KB: max {max(sizes) / 1024:.1f} KB, median "
              f"{statistics.median(sizes) / 1024:.1f} KB over {len(sizes)} pages {verdict(max(sizes) <= 60 * 1024)}")
        if max(overheads) - min(overheads) > 5 or max(ratios) - min(ratios) > 0.05:
            print("note: the repetitions disagree by more than 5 points or 0.05x: something else was using the "
                  "machine, so these medians are less certain than usual; run again when it is idle")
        print(f"bench: atlas {info['articles']} articles, {info['checklists']} checklists: full build "
              f"{ratio:.2f} x stock Material ({full:.1f} s vs {stock:.1f} s), checklist overhead {overhead:.1f}%, "
              f"one-edit rebuild {rebuild:.1f} s, peak {peak:.0f} MB")
        ok = ratio <= 0.5 and overhead <= 5 and rebuild <= 2 and correct and max(sizes) <= 60 * 1024
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
