"""The partner edition's PDF at atlas scale (a script, not a test): `make bench` runs it.

Generates the atlas of benchmarks/atlas_budget.py (about 500 articles of about
600 words and 100 checklists, next to the real content), builds its partner
edition, then prints that edition's print page to PDF exactly as `make pdf`
does (macros/publish/pdf.py) in a child process, once. It measures the wall time of
the printing (Chromium's start included) and the peak memory of the child
with all its descendants (the Playwright driver and every Chromium process),
summed from /proc every 50 ms as PSS, which shares out the memory Chromium's
processes have in common (summed RSS, printed for comparison, counts it once
per process and so overstates), and at that peak each kind of process's share
(Python, the Playwright driver, Chromium's renderer, browser, utility, ...).

Measured (2026-12-03, 2 cores shared with other jobs, load 5 to 7, so the times
are not an idle machine's): 963 pages; peak 1597 to 1630 MB PSS in three runs
(2230 to 2262 MB summed RSS), at the end of the second pass: Chromium renderer
about 970, utility (the PDF compositor) 250, browser 125, Playwright driver
125 to 150, Python 60. Without the garbage collection between the two passes
(macros/publish/pdf.py `render`) the same machine gave 1686 to 2196 MB, the
renderer alone 1229 to 1505 MB; the last idle run before it took 44.7 s.

Budgets: the PDF in <= 90 s, peak memory <= 2 GB. A missed budget is printed as FAIL.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from atlas_budget import ENV, ROOT, generate, run  # noqa: E402

COPY = ["docs", "data", "macros", "overrides", "mkdocs.yml", "mkdocs-public.yml"]
BUDGET_SECONDS, BUDGET_MB = 90, 2048

PRINT = r"""
import sys
from pathlib import Path
from playwright.sync_api import sync_playwright
sys.path.insert(0, sys.argv[1])
from macros.publish.pdf import launch, render
with sync_playwright() as playwright:
    browser = launch(playwright)
    render(browser, Path(sys.argv[2]), Path(sys.argv[3]), "public")
    browser.close()
"""


def _kb(text: str, key: str) -> int:
    return next(int(line.split()[1]) for line in text.splitlines() if line.startswith(key))


def process_kind(pid: int, root: int) -> str:
    """What a process of the printing child's tree is: Python, the Playwright driver, or a Chromium process by type."""
    if pid == root:
        return "Python"
    try:
        # Chromium's zygote children rewrite their command line as one string: split on spaces too.
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").replace("\0", " ").split()
    except OSError:
        return "other"
    if not args:
        return "other"
    kind = next((a.split("=", 1)[1] for a in args if a.startswith("--type=")), None)
    if "chromium" in args[0]:
        return f"Chromium {kind or 'browser'}"
    return "Playwright driver" if "node" in Path(args[0]).name else Path(args[0]).name


def tree_memory_mb(pid: int) -> tuple[float, float, dict[str, float]]:
    """Memory of `pid` and all its descendants, in MB: (PSS, RSS, PSS by kind of process); zeros once it has gone.

    PSS (proportional set size) counts a page shared by n processes as 1/n in
    each, so the sum over Chromium's processes is the memory they take
    together; summed RSS counts shared pages once per process. The kind is read
    again each time (`process_kind`): /usr/bin/chromium is a shell script that
    becomes Chromium under the same process id.
    """
    pss = rss = 0
    by_kind: dict[str, float] = {}
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            own = _kb(rollup, "Pss:")
            pss, rss = pss + own, rss + _kb(rollup, "Rss:")
            kind = process_kind(current, pid)
            by_kind[kind] = by_kind.get(kind, 0) + own / 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return pss / 1024, rss / 1024, by_kind


def measured(cmd: list[str], cwd: Path) -> tuple[float, float, float, dict[str, float], str]:
    """Wall seconds, peak memory of the whole process tree (PSS and RSS, MB), the PSS of each kind of
    process at the PSS peak, and output of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak_pss = peak_rss = 0.0
    at_peak: dict[str, float] = {}

    def sample() -> None:
        nonlocal peak_pss, peak_rss, at_peak
        while proc.poll() is None:
            pss, rss, by_kind = tree_memory_mb(proc.pid)
            if pss > peak_pss:
                peak_pss, at_peak = pss, by_kind
            peak_rss = max(peak_rss, rss)
            time.sleep(0.05)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = proc.stdout.read() if proc.stdout else ""
    proc.wait()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{out[-3000:]}")
    return seconds, peak_pss, peak_rss, at_peak, out


def main() -> int:
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory(prefix="atlas-pdf-") as tmp:
        project = Path(tmp) / "atlas"
        for name in COPY:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
        info = generate(project)
        site = project / "site-partner"
        built = run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", "mkdocs-public.yml",
                     "-d", str(site)], project)
        print(f"atlas: {info['articles']} articles, {info['checklists']} checklists; partner edition built in "
              f"{built.seconds:.1f} s; print page {(site / 'print_page' / 'index.html').stat().st_size / 1e6:.1f} MB",
              flush=True)
        pdf = Path(tmp) / "partner.pdf"
        seconds, peak, peak_rss, at_peak, _ = measured([sys.executable, "-c", PRINT, str(project), str(site), str(pdf)], project)
        pages = len(PdfReader(pdf).pages)
        size = pdf.stat().st_size / 1e6
    ok = seconds <= BUDGET_SECONDS and peak <= BUDGET_MB
    print(f"budget partner PDF <= {BUDGET_SECONDS} s: {seconds:.1f} s for {pages} pages ({size:.1f} MB) "
          f"{'PASS' if seconds <= BUDGET_SECONDS else 'FAIL'}")
    print(f"budget partner PDF peak memory <= {BUDGET_MB} MB (Python, Playwright and Chromium together): "
          f"{peak:.0f} MB {'PASS' if peak <= BUDGET_MB else 'FAIL'} (PSS: memory the processes share counted once; "
          f"their RSS summed, which counts it in every process, peaked at {peak_rss:.0f} MB)")
    print("  at the peak (MB PSS): " + ", ".join(f"{kind} {mb:.0f}" for kind, mb in
                                                 sorted(at_peak.items(), key=lambda item: -item[1])))
    print(f"bench: atlas partner PDF {pages} pages in {seconds:.1f} s, peak {peak:.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
