"""`make pdf`: each edition's print page as an A4 PDF, printed by headless Chromium.

    python -m macros.publish.pdf site/ site-public/      # after `make build` and `make public`

writes `dist/partnership-playbook-internal.pdf` and `dist/partnership-playbook-partner.pdf`.
The print page (`print_page/`, made by mkdocs-print-site-plugin) already holds
every chapter of the edition in order, with checklists and onboarding
programmes as plain lists and a table of contents. Printing adds a cover
naming the edition and the date, PDF bookmarks for the chapters and headings,
tags (an accessible PDF), page numbers, and "Internal: do not share" on every
page of the internal edition.

Each PDF is written to a temporary file beside it and renamed into place, so a
failed run keeps the previous PDF.
"""
from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path
from typing import Any

from macros.content.errors import ChecklistErrors

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
INSTALL = "sudo apt-get install chromium"
OUTPUT = {"internal": "partnership-playbook-internal.pdf", "public": "partnership-playbook-partner.pdf"}
LABEL = {"internal": "Internal edition", "public": "Partner edition"}
INTERNAL_MARK = "Internal: do not share"

_TEXT = 'style="font-size:8px;font-family:sans-serif;width:100%;margin:0 16mm;color:#444;'
FOOTER = f'<div {_TEXT}text-align:right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'


def header(edition: str) -> str:
    """The running head: the internal mark on every internal page, the edition's name otherwise."""
    if edition == "internal":
        return f'<div {_TEXT}text-align:center;font-weight:bold">{INTERNAL_MARK}</div>'
    return f'<div {_TEXT}text-align:left">Partnership Playbook: partner edition</div>'


# Just before printing: the page must be the edition asked for (its banner, overrides/main.html);
# collapsed passages (`??? note`) open, as paper cannot expand them; and the print-site cover gets
# the edition and the day the PDF was made.
PREPARE = """([wanted, label, date]) => {
  if (!document.querySelector(".pb-edition--" + wanted)) return "edition";
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const cover = document.getElementById("print-site-cover-page");
  if (!cover) return "cover";
  const edition = document.createElement("p"), day = document.createElement("p");
  edition.className = "pb-cover__edition"; edition.textContent = label;
  day.className = "pb-cover__date"; day.textContent = date;
  cover.append(edition, day);
  return "ready";
}"""


class PdfError(RuntimeError):
    """A PDF could not be made; the message says what to do."""


def print_page(site: Path) -> Path:
    """The print page of a built edition (directory URLs or not)."""
    for candidate in (site / "print_page" / "index.html", site / "print_page.html"):
        if candidate.is_file():
            return candidate
    raise PdfError(f"{site}/print_page/index.html: not found: build the edition first (make build / make public)")


def check_chromium() -> None:
    if not Path(CHROMIUM).exists():
        raise PdfError(f"The PDFs need Chromium ({CHROMIUM}): run '{INSTALL}', then run this again.")


def launch(playwright: Any) -> Any:
    check_chromium()
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def render(browser: Any, site: Path, out: Path, edition: str, day: datetime.date | None = None) -> None:
    """Print `site`'s print page to the file `out`."""
    source = print_page(site.resolve())
    day = day or datetime.date.today()
    page = browser.new_page()
    page.set_default_timeout(600_000)  # a 500-article print page takes a while to load and lay out
    try:
        page.goto(source.as_uri(), wait_until="load")
        # print-site.js copies the table of contents in on load; wait for it and for the fonts.
        page.wait_for_function("() => document.querySelector('#print-page-toc nav ul') !== null")
        page.evaluate("() => document.fonts.ready")
        state = page.evaluate(PREPARE, [edition, LABEL[edition], f"{day.day} {day:%B %Y}"])
        if state == "edition":
            raise PdfError(f"{source}: expected the {LABEL[edition].lower()}, found another edition's print page "
                           "(or none): check which folder was given for which edition")
        if state == "cover":
            raise PdfError(f"{source}: the print page has no cover: keep 'add_cover_page: true' for print-site in mkdocs.yml")
        page.pdf(path=str(out), format="A4", outline=True, tagged=True, print_background=True,
                 display_header_footer=True, header_template=header(edition), footer_template=FOOTER,
                 margin={"top": "18mm", "bottom": "16mm", "left": "16mm", "right": "16mm"})
    finally:
        page.close()


def check_terms(pdf: Path, name: str, root: Path) -> None:
    """The partner PDF's text holds no never-publish phrase (data/never-publish.yml); raises PdfError naming it."""
    from pypdf import PdfReader

    from macros.build.term_scan import hits, report
    from macros.content.never_publish import load
    try:
        terms = load(root)
    except ChecklistErrors as problem:
        raise PdfError(str(problem)) from None
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    found = hits([(name, text)], terms, root)
    if found:
        raise PdfError(report(found))


def make_pdfs(jobs: list[tuple[Path, Path, str]], root: Path | None = None) -> None:
    """Print each (site, pdf, edition), then put them all in place; raises PdfError, replacing none, on failure.

    The partner PDF's text is searched for never-publish phrases first (`root`: the project, by default
    the current folder).
    """
    from playwright.sync_api import Error, sync_playwright

    check_chromium()
    for site, _, _ in jobs:
        print_page(site)  # every edition built, before any printing
    partials = [out.with_name(f".{out.name}.{os.getpid()}.partial") for _, out, _ in jobs]
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                for (site, out, edition), partial in zip(jobs, partials):
                    out.parent.mkdir(parents=True, exist_ok=True)
                    render(browser, site, partial, edition)
            finally:
                browser.close()
        for (_, out, edition), partial in zip(jobs, partials):
            if edition == "public":
                check_terms(partial, os.path.relpath(out), root or Path.cwd())
        for (_, out, _), partial in zip(jobs, partials):
            os.replace(partial, out)
    except Error as problem:
        raise PdfError(f"Chromium could not print the PDF: {str(problem).splitlines()[0]}") from None
    finally:
        for partial in partials:
            partial.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python -m macros.publish.pdf INTERNAL_SITE PARTNER_SITE DIST", file=sys.stderr)
        return 2
    internal, public, dist = (Path(a) for a in argv)
    jobs = [(internal, dist / OUTPUT["internal"], "internal"), (public, dist / OUTPUT["public"], "public")]
    start = time.perf_counter()
    try:
        make_pdfs(jobs)
    except PdfError as problem:
        print(f"{problem}\nNo PDF was replaced by this run.", file=sys.stderr)
        return 1
    for _, out, _ in jobs:
        print(f"Wrote {os.path.relpath(out)}.")
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
