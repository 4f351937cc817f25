"""Assessment budgets, measured in one run (a script, not a test).

1. JavaScript plus CSS of the assessment's first load as the built site ships them, gzipped: budget 16 KB together
   (issue 24: for everything this round adds). compare.js (the comparison and history, loaded when their panel first
   opens) is reported apart, like the onboarding and portfolio pages' own scripts.
   The page loads what mkdocs.yml lists (extra_javascript, extra_css); the build joins each script from its parts
   (macros/build/join.py), so the built files are measured, and the sources line sums the parts.
2. Time to update results after one click on a 100-item checklist in
   Debian's Chromium: budget 16 ms (median of many clicks).
"""
from __future__ import annotations

import gzip
import os
import subprocess
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.content.loader import parse_checklist  # noqa: E402
from macros.render.checklist import render_checklist  # noqa: E402



def our_assets(base: Path) -> tuple[list[Path], list[Path]]:
    """The JavaScript and CSS mkdocs.yml adds to every page (extra_javascript, extra_css), under `base`."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and python tags
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    path = lambda entry: base / (entry if isinstance(entry, str) else entry["path"])  # noqa: E731
    return [path(e) for e in config["extra_javascript"]], [path(e) for e in config["extra_css"]]


def built_site(dest: Path) -> Path:
    """The real site, built as `make build` does: what a browser downloads (minified assets)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(dest)], cwd=ROOT, env=env, check=True)
    return dest
SIZE_BUDGET = 16 * 1024
TIME_BUDGET_MS = 16.0
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def big_checklist(items: int = 100, sections: int = 10) -> str:
    lines = ["id: bench", "title: Benchmark", "version: 1", "summary: A large checklist.",
             "answers: scale", "scale:"] + [f"  - {{value: {v}, label: L{v}}}" for v in range(5)]
    lines += ["bands:", "  - {min: 0, max: 49, label: Low, advice: a}", "  - {min: 50, max: 100, label: High, advice: b}",
              "sections:"]
    per = items // sections
    for s in range(sections):
        lines += [f"  - id: s{s}", f"    title: Section {s}", "    items:"]
        for i in range(per):
            lines += [f"      - id: i{s}-{i}", f"        text: Item {s}.{i} is done well.",
                      "        guidance: principles/trust.md#fair-price", f"        weight: {1 + i % 3}"]
    return "\n".join(lines) + "\n"


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def click_timings(page_html: Path, clicks: int = 60) -> list[float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(page_html.as_uri())
        page.wait_for_selector(".pb-live__score")
        timings = page.evaluate("""(n) => {
            const radios = Array.from(document.querySelectorAll('.pb-item input[type=radio]'));
            const out = [];
            for (let k = 0; k < n; k++) {
                const r = radios[(k * 7) % radios.length];
                const t = performance.now();
                r.click();                       // change handler scores and redraws synchronously
                document.body.offsetHeight;      // include the style and layout it causes
                out.push(performance.now() - t);
            }
            return out;
        }""", clicks)
        browser.close()
    return timings


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        return measure(built_site(Path(tmp) / "site"))


def measure(site: Path) -> int:
    JS, CSS = our_assets(site)
    ASSETS = JS + CSS
    from macros.build.join import JOINED  # a shipped script is made of these sources

    def source_parts(path: Path) -> list[Path]:
        name = path.relative_to(ROOT / "overrides").as_posix()
        return [ROOT / "overrides" / part for part in JOINED.get(name, (name,))]

    sources = sum(gz(part) for p in sum(our_assets(ROOT / "overrides"), []) for part in source_parts(p))
    sizes = {p.name: gz(p) for p in ASSETS}
    total = sum(sizes.values())
    print("assessment first load, gzipped: " + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in sizes.items()))
    size_ok = total <= SIZE_BUDGET
    print(f"  (as shipped: minified by macros/build/minify.py; the commented sources are {sources / 1024:.1f} KB)")
    print(f"  together {total / 1024:.1f} KB vs budget {SIZE_BUDGET / 1024:.0f} KB: "
          f"ratio {total / SIZE_BUDGET:.2f} {'PASS' if size_ok else 'FAIL'}")
    from macros.render.portfolio import SCRIPTS as BOARD_SCRIPTS  # joined too, but for the portfolio page
    on_demand = [name for name in JOINED if name not in [p.relative_to(site).as_posix() for p in JS]
                 and name not in BOARD_SCRIPTS]
    print("  on demand, not in the first load: " + ", ".join(
        f"{Path(name).name} {gz(site / name) / 1024:.1f} KB" for name in on_demand)
        + " (the comparison and history, loaded when the reader first opens their panel)")
    from macros.render.portfolio import SCRIPTS, STYLES  # the portfolio page alone loads these, on top of the above
    extra = {Path(p).name: gz(site / p) for p in (*SCRIPTS, *STYLES)}
    print("  not on assessment pages: the portfolio page adds " + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in extra.items()))
    from macros.render.onboarding import SCRIPTS as PATH_SCRIPTS  # and the onboarding pages these
    print("  the onboarding pages add " + ", ".join(f"{Path(p).name} {gz(site / p) / 1024:.1f} KB" for p in PATH_SCRIPTS))
    from macros.render.steps import SCRIPTS as STEP_SCRIPTS  # a checklist that is an onboarding step loads these too
    step = sum(gz(site / p) for p in STEP_SCRIPTS)
    step_ok = total + step <= SIZE_BUDGET
    print(f"  a checklist that is an onboarding step adds {', '.join(Path(p).name for p in STEP_SCRIPTS)} "
          f"{step / 1024:.1f} KB: together {(total + step) / 1024:.1f} KB, ratio {(total + step) / SIZE_BUDGET:.2f} "
          f"{'PASS' if step_ok else 'FAIL'} (onboarding.js only while the reader follows the programme)")
    size_ok = size_ok and step_ok

    checklist = parse_checklist(big_checklist(), "bench.yml")
    form = render_checklist(checklist, lambda g: "#" + g.partition("#")[2])
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "bench.html"
        page.write_text(
            "<!doctype html><html><head><meta charset=utf-8>"
            + "".join(f"<link rel=stylesheet href='{css.as_uri()}'>" for css in CSS) + "</head>"
            f"<body><article class='md-typeset'>{form}</article>"
            + "".join(f"<script src='{js.as_uri()}'></script>" for js in JS) + "</body></html>", encoding="utf-8")
        timings = click_timings(page)
    median = statistics.median(timings)
    p90 = sorted(timings)[int(len(timings) * 0.9)]
    time_ok = median < TIME_BUDGET_MS
    print(f"update after one click, {len(checklist.items)} items: median {median:.2f} ms, p90 {p90:.2f} ms "
          f"over {len(timings)} clicks vs budget {TIME_BUDGET_MS:.0f} ms: ratio {median / TIME_BUDGET_MS:.2f} "
          f"{'PASS' if time_ok else 'FAIL'}")
    return 0 if size_ok and time_ok else 1


if __name__ == "__main__":
    sys.exit(main())
