"""Atlas-scale build benchmark (a script, not a test): `make bench` runs it.

Generates, in a temporary folder, a handbook shaped like a mature playbook
(9 volumes, 36 chapters, about 500 articles of about 600 words, 100 checklists
of 10 items used on article pages) next to the real content, then measures in
one run, so that two runs agree:

  a) a full strict build with the project's configuration,
  b) the same Markdown built with stock Material (search only), and
  c) the same Markdown built with Material under the project's theme settings
     (features, palette, fonts, language, Markdown extensions) and none of
     the project's code (no macros, hooks, overrides, print page or scripts):
     (a) / (c) is what the project's own code costs;
     all at the same time and on the same CPU: in each repetition (b) runs once
     and (c) twice at once while (a) runs twice, back to back, all pinned to one CPU, which the system
     shares between them in slices of a few milliseconds, so that both see
     the same machine in the same seconds (this host's speed drifts by a
     third from one minute to the next, and two CPUs drift apart: builds
     taking turns, or (a) and (b) on different CPUs, took that for a
     difference between them); each CPU runs its own repetitions, so a
     machine with two gives twice as many; the budget ratio is (a) / (b) in
     CPU time (user + system of each build process), taken within each
     repetition;
  the checklist overhead: the share of a build's CPU time spent in the
     project's own checklist code (loading and validating, rendering,
     placing forms and back-links; not the docs scan or the edition
     filtering, which a playbook without checklists needs as much), timed inside the build by the thread's
     CPU clock, which other work on the machine barely moves;
  d) the rebuild `make serve` does after editing one article and, separately,
     one checklist (macros/serve/incremental.py, kept in memory between edits),
     checking the edit is visible and the search index did not shrink;
  peak memory of each, and per-page HTML size.

Each figure is the median of the repetitions without the highest and the
lowest, printed with the range of the rest. When that range is wider than the
margin to the budget, the verdict is INCONCLUSIVE rather than PASS or FAIL;
so it is when other programs kept the machine busy during the run (their CPU
time is read from /proc/stat and printed).

Budgets (issue 24, for everything the open issues add): (a) <= 0.6 x (b), a regression guard;
(a) <= 1.3 x (c); checklist code <= 5 % of (a); (d) <= 2 s; pages <= 60 KB.
Exit status: 1 when a budget is missed, 3 when one is inconclusive, else 0.
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
import threading
import time
from pathlib import Path
from typing import NamedTuple

import yaml


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
        # Every article opts in to the partner edition, as a real public page does, so the partner
        # build benchmark measures the same pages it did when pages were public by default.
        front = "audience: public\n" + ("render_macros: true\n" if uses else "")
        body = [f"---\n{front}---\n\n# Article {v}.{c}.{a}\n",
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


def write_configs(project: Path) -> None:
    """Stock Material on the same content."""
    project_config = yaml.safe_load((project / "mkdocs.yml").read_text())
    stock = {"site_name": "Atlas (stock Material)", "docs_dir": "docs", "theme": {"name": "material"},
             "plugins": ["search"], "nav": project_config["nav"],
             "markdown_extensions": project_config["markdown_extensions"]}
    (project / "stock.yml").write_text(yaml.safe_dump(stock, sort_keys=False))
    theme = {key: value for key, value in project_config["theme"].items() if key != "custom_dir"}
    (project / "theme.yml").write_text(yaml.safe_dump({**stock, "site_name": "Atlas (Material, our theme settings)",
                                                       "theme": theme}, sort_keys=False))


# -- Measuring ---------------------------------------------------------------------
class Run(NamedTuple):
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the child: less disturbed by other work on the machine
    peak: float  # peak RSS, MB
    out: str


def start(cmd: list[str], cwd: Path, cpu: int | None = None) -> subprocess.Popen:
    """Start a child, on one CPU when `cpu` is given."""
    pin = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
    return subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=pin)


def finish(proc: subprocess.Popen, cmd: list[str], began: float) -> Run:
    """Wait for a child started at `began`: its wall seconds, CPU seconds and peak RSS."""
    out = proc.stdout.read() if proc.stdout else ""  # read fully before wait4 reaps the child
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{out[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


def run(cmd: list[str], cwd: Path) -> Run:
    """Wall seconds, CPU seconds and peak RSS of one child process."""
    began = time.perf_counter()
    return finish(start(cmd, cwd), cmd, began)


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot (every CPU, every program; /proc/stat)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return float("nan")
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # less idle and iowait


def build_cmd(config: str, site: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site]


def same_cpu(project: Path, reps: int) -> tuple[list[Run], list[Run], list[float], list[float], float]:
    """`reps` repetitions of (b) once and (c) twice beside (a) twice, the five builds sharing one CPU.

    (c) runs twice, like (a), so that each repetition's ratio (a)/(c) rests on two builds on each side: with one
    (c) build, its noise alone spread the repetitions over 0.14-0.30x (2026-12-03) around a figure of 1.18x, and
    (c)'s CPU time, about (a)'s minus the project's own work, keeps the three kinds of build sharing the CPU alike.

    Each CPU of the machine (two at most) runs its share of the repetitions, at
    the same time as the others. Returns the runs of (a), the runs of (b), the
    ratios (a)/(b) and (a)/(c) of each repetition, and the CPU time other
    programs took meanwhile, in cores (0.0 on an idle machine).
    """
    cpus = sorted(os.sched_getaffinity(0))[:2]
    full: list[Run] = []
    stock: list[Run] = []
    ratios: list[float] = []
    own: list[float] = []
    themes: list[Run] = []
    failed: list[BaseException] = []

    def beside(config: str, cpu: int, copy: int = 0) -> tuple[threading.Thread, list[Run]]:
        cmd, began, waited = build_cmd(config, f"site-{config[:-4]}-{cpu}-{copy}"), time.perf_counter(), []
        proc = start(cmd, project, cpu)
        waiter = threading.Thread(target=lambda: waited.append(finish(proc, cmd, began)))
        waiter.start()
        return waiter, waited

    def lane(cpu: int, count: int) -> None:
        try:
            for _ in range(count):
                others = [beside("stock.yml", cpu), beside("theme.yml", cpu), beside("theme.yml", cpu, 1)]
                mine = []
                for _ in range(2):
                    cmd, at = build_cmd("mkdocs.yml", f"site-full-{cpu}"), time.perf_counter()
                    mine.append(finish(start(cmd, project, cpu), cmd, at))
                for waiter, _ in others:
                    waiter.join()
                if not all(waited for _, waited in others):
                    raise SystemExit("command failed: the stock or same-theme Material build")
                (stock_run,), (theme_run,), (theme_again,) = (waited for _, waited in others)
                full.extend(mine)
                stock.append(stock_run)
                themes.extend((theme_run, theme_again))
                mean = (mine[0].cpu + mine[1].cpu) / 2
                ratios.append(mean / stock_run.cpu)
                own.append(mean / ((theme_run.cpu + theme_again.cpu) / 2))
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failed.append(error)

    busy, began = machine_busy(), time.perf_counter()
    lanes = [threading.Thread(target=lane, args=(cpu, reps // len(cpus) + (i < reps % len(cpus))))
             for i, cpu in enumerate(cpus)]
    for thread in lanes:
        thread.start()
    for thread in lanes:
        thread.join()
    if failed:
        raise failed[0]
    wall = time.perf_counter() - began
    other = max(0.0, machine_busy() - busy - sum(r.cpu for r in full + stock + themes)) / wall
    return full, stock, ratios, own, other


def trimmed(values: list[float]) -> list[float]:
    """The repetitions without the highest and the lowest (when there are five or more): one odd run moves nothing."""
    ordered = sorted(values)
    return ordered[1:-1] if len(ordered) >= 5 else ordered


def spread(values: list[float], digits: int = 2) -> str:
    """The range of the trimmed repetitions, to show how much the figure can be trusted."""
    kept = trimmed(values)
    return f"{min(kept):.{digits}f} to {max(kept):.{digits}f}"


def figure(values: list[float]) -> float:
    """The trimmed median of per-repetition figures."""
    return statistics.median(trimmed(values))


#: Budgets (issue 24): the full build against stock Material, and against Material with our theme settings.
FULL_BUDGET, OWN_BUDGET = 0.6, 1.3

#: Other programs may use this much of a CPU, on average, while the builds run; more, and no verdict is given.
BUSY = 0.15


def verdict(values: list[float], budget: float, busy: float = 0.0) -> str:
    """PASS or FAIL, or INCONCLUSIVE when the repetitions spread wider than the margin to the budget
    or other programs kept the machine busy."""
    if busy > BUSY:
        return f"INCONCLUSIVE (other programs used {busy:.2f} of a CPU during the builds: run again on an idle machine)"
    kept, median = trimmed(values), figure(values)
    if max(kept) - min(kept) > abs(budget - median):
        return (f"INCONCLUSIVE (the repetitions spread over {max(kept) - min(kept):.3g}, more than the margin of "
                f"{abs(budget - median):.3g} between the figure and the budget: too close to call)")
    return "PASS" if median <= budget else "FAIL"


# The checklists' own work inside a build: the project's code that loads, validates, renders and places them.
# The docs scan inside `prepare` (pages, heading ids, front matter and internal-block checks) and the
# edition filtering in `page_markdown` run just the same in a playbook without checklists, so they are not counted.
OWN_CODE = ("prepare", "render", "macros/build/hooks.py page_content", "macros/build/hooks.py page_context")
NOT_CHECKLISTS = ("scan",)


REBUILD = r"""
import json, sys, time
from pathlib import Path
project, edits = Path(sys.argv[1]), json.loads(sys.argv[2])
sys.path.insert(0, str(project))
from macros.serve.incremental import Session
session = Session(project / "mkdocs.yml", project / "serve-site", site_url="http://127.0.0.1:8000/")
from macros.serve.server import LastGood
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
clock = time.thread_time  # CPU time of this thread: what other processes do barely moves it
start = clock(); import mkdocs_macros.plugin; imported = clock() - start  # noqa: E702
import macros.render.onboarding, macros.render.reference_pages, macros.render.checklist, macros.build.site
spent = Counter()
def timed(key, function):
    def wrapper(*args, **kwargs):
        start = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += clock() - start
    return wrapper
macros.build.site.prepare = timed("prepare", macros.build.site.prepare)
macros.build.site.scan_docs = timed("scan", macros.build.site.scan_docs)  # pages, headings, front matter: needed with no checklist
for module, names in ((macros.render.checklist, ("render_checklist", "render_paper")),
                      (macros.render.onboarding, ("render_path", "render_path_paper")),
                      (macros.render.reference_pages, ("checklist_index", "guidance_index"))):
    for name in names:
        if hasattr(module, name):
            setattr(module, name, timed("render", getattr(module, name)))
jinja2.Environment.from_string = timed("jinja", jinja2.Environment.from_string)
config = mkdocs.config.load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site-breakdown"))
plugins = config.plugins
for name, methods in plugins.events.items():
    for i, method in enumerate(methods):
        origin = plugins._event_origins.get(method, "?")
        methods[i] = wrapper = timed(f"{origin} {name}", method)
        plugins._event_origins[wrapper] = origin
start = clock(); mkdocs.commands.build.build(config); total = clock() - start  # noqa: E702
print("RESULT " + json.dumps({"import": imported, "total": total, **spent}))
"""


def breakdown(project: Path) -> dict:
    """Where the build's CPU time goes, timed inside one build by the thread's own CPU clock."""
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


def page_sizes(site: Path, skip: tuple[str, ...] = ()) -> list[int]:
    return [p.stat().st_size for p in site.rglob("index.html") if not set(skip) & set(p.parts)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--checklists", type=int, default=100)
    parser.add_argument("--reps", type=int, default=8, help="repetitions of (b) beside two builds of (a), shared among the CPUs, and in-build timings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="atlas-") as tmp:
        project = Path(tmp) / "atlas"
        for name in COPY:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
        info = generate(project, args.articles, args.checklists)
        write_configs(project)
        print(f"atlas: {info['articles']} articles (~{info['words_per_article']} words each), "
              f"{info['checklists']} checklists, {args.reps} repetitions; figures are trimmed medians (the highest and "
              "lowest repetition left out) of CPU time (user + system), with the trimmed range", flush=True)
        # (b) beside two builds of (a) on one CPU in each repetition; each ratio is taken within its repetition.
        full_runs, stock_runs, ratios, owns, busy = same_cpu(project, args.reps)
        full, stock = figure([r.cpu for r in full_runs]), figure([r.cpu for r in stock_runs])
        peaks = {"full": max(r.peak for r in full_runs), "stock": max(r.peak for r in stock_runs)}
        print(f"(a) project build:        {full:6.2f} s CPU  peak {peaks['full']:5.0f} MB", flush=True)
        print(f"(b) stock Material:       {stock:6.2f} s CPU  peak {peaks['stock']:5.0f} MB", flush=True)
        edits, edit_peak = rebuilds(project, info)
        for name, result in edits.items():
            print(f"(d) rebuild after editing one {name}: {result['seconds']:6.2f} s ({result['rebuilt']} rebuilt; "
                  f"{result['copy']:.3f} s of it copying to the served folder), "
                  f"edit visible: {result['visible']}, search entries: {result['search_docs']}", flush=True)
        parts = [breakdown(project) for _ in range(args.reps)]
        overheads = [(sum(p.get(key, 0) for key in OWN_CODE) - sum(p.get(key, 0) for key in NOT_CHECKLISTS))
                     / p["total"] * 100 for p in parts]
        middle = sorted(parts, key=lambda p: p["total"])[len(parts) // 2]
        plugin = sum(v for k, v in middle.items() if k.startswith("macros ")) - middle["prepare"] - middle["render"]
        hooks = sum(middle.get(key, 0) for key in OWN_CODE[2:])
        scan = middle.get("scan", 0)
        print(f"    inside one build of {middle['total']:.2f} s CPU: importing the macros plugin {middle['import']:.2f} s; "
              f"scanning the docs {scan:.2f} s (not counted); loading and validating checklists "
              f"{middle['prepare'] - scan:.2f} s; rendering checklists "
              f"and generated lists {middle['render']:.2f} s; placing forms and back-links, edition checks (hooks) "
              f"{hooks:.2f} s; the plugin compiling pages with Jinja {middle['jinja']:.2f} s and its other work "
              f"{plugin - middle['jinja']:.2f} s (the plugin's, not the checklists')", flush=True)
        # Whole-site listings, like the print page: they grow with the handbook by design.
        built = next(project.glob("site-full-*"))
        sizes = page_sizes(built, skip=("print_page", "guidance-headings", "portfolio"))
        portfolio = (built / "portfolio" / "index.html").stat().st_size
        ratio, overhead = figure(ratios), figure(overheads)
        rebuild = max(r["seconds"] for r in edits.values())
        indexed = len(json.loads((built / "search" / "search_index.json").read_text())["docs"])
        correct = all(r["visible"] and r["search_docs"] == indexed for r in edits.values())
        peak = max(*peaks.values(), edit_peak)
        ratio_verdict, overhead_verdict = verdict(ratios, FULL_BUDGET, busy), verdict(overheads, 5, busy)
        own, own_verdict = figure(owns), verdict(owns, OWN_BUDGET, busy)
        print(f"other programs during the builds: {busy:.2f} of a CPU on average, "
              f"{'idle enough' if busy <= BUSY else 'too busy for a verdict'} (at most {BUSY})")
        print(f"budget full build <= {FULL_BUDGET}x stock Material: {ratio:.2f}x (repetitions {spread(ratios)}) "
              f"{ratio_verdict}")
        print(f"budget the project's own cost <= {OWN_BUDGET}x Material with our theme settings and none of our code: "
              f"{own:.2f}x (repetitions {spread(owns)}) {own_verdict}")
        print(f"budget checklist macros <= 5% of build: {overhead:.1f}% (repetitions {spread(overheads, 1)}) "
              f"{overhead_verdict}  (the project's own checklist code, timed inside the build: "
              f"{', '.join(OWN_CODE)}, less the docs scan)")
        rebuild_ok = rebuild <= 2 and correct
        print(f"budget one-edit rebuild <= 2 s and correct: {rebuild:.2f} s, correct={correct} "
              f"{'PASS' if rebuild_ok else 'FAIL'}")
        print(f"budget page HTML <= 60 KB: max {max(sizes) / 1024:.1f} KB, median "
              f"{statistics.median(sizes) / 1024:.1f} KB over {len(sizes)} pages "
              f"{'PASS' if max(sizes) <= 60 * 1024 else 'FAIL'} (not counted: the print page, the guidance "
              f"headings and the portfolio, whole-site listings; the portfolio, holding every checklist's data for "
              f"the board, is {portfolio / 1024:.0f} KB)")
        print(f"bench: atlas {info['articles']} articles, {info['checklists']} checklists: full build "
              f"{ratio:.2f} x stock Material ({full:.1f} s vs {stock:.1f} s CPU), {own:.2f} x same-theme Material, "
              f"checklist overhead {overhead:.1f}%, "
              f"one-edit rebuild {rebuild:.1f} s, peak {peak:.0f} MB")
        verdicts = (ratio_verdict, own_verdict, overhead_verdict, "PASS" if rebuild_ok else "FAIL",
                    "PASS" if max(sizes) <= 60 * 1024 else "FAIL")
    if any(v == "FAIL" for v in verdicts):
        return 1
    return 3 if any(v.startswith("INCONCLUSIVE") for v in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
