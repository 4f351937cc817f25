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
import gc
import io
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


TITLE = "Partnership Playbook"
MARGIN = {"top": "18mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}
# Room for a page number in the contents, kept the same in both passes (see `render`).
PLACEHOLDER = "000"

# Just before printing: the page must be the edition asked for (its banner, overrides/main.html);
# collapsed passages (`??? note`) open, as paper cannot expand them; the cover holds the title, the
# edition and the day the PDF was made, nothing else; the contents list each page once (a part whose
# first page has the part's own title, "Principles" then "Principles", becomes that page, and the part's
# heading goes: the page's own heading is the same words) and every entry gets a fixed-width box for its
# page number, holding PLACEHOLDER until the numbers are known. Returns the entries' target ids in order.
PREPARE = """([wanted, title, label, date, placeholder]) => {
  if (!document.querySelector(".pb-edition--" + wanted)) return "edition";
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const cover = document.getElementById("print-site-cover-page");
  if (!cover) return "cover";
  const line = (tag, css, text) => {
    const node = document.createElement(tag);
    node.className = css; node.textContent = text;
    return node;
  };
  cover.replaceChildren(line("p", "pb-cover__title", title), line("p", "pb-cover__edition", label),
                        line("p", "pb-cover__date", date));
  const toc = document.querySelector("#print-page-toc nav > ul");
  if (!toc) return "contents";
  const words = (node) => node.textContent.replace(/\\s+/g, " ").trim();
  toc.querySelectorAll("li").forEach((part) => {
    const own = part.querySelector(":scope > a"), first = part.querySelector(":scope > nav > ul > li");
    const inner = first && first.querySelector(":scope > a");
    if (!own || !inner || words(own) !== words(inner) || first.querySelector("nav")) return;
    const heading = document.querySelector("section.md-section" + own.hash + " > h1");
    own.href = inner.hash;
    first.remove();
    if (heading) heading.remove();
  });
  const ids = [];
  toc.querySelectorAll("a[href^='#']").forEach((entry) => {
    entry.classList.add("pb-toc__entry");
    const number = line("span", "pb-toc__page", placeholder);
    entry.append(line("span", "pb-toc__leader", ""), number);
    ids.push(decodeURIComponent(entry.hash.slice(1)));
  });
  return ids;
}"""

# Between the passes: each contents entry gets the page its destination landed on.
NUMBER = """(numbers) => {
  document.querySelectorAll("#print-page-toc .pb-toc__page").forEach((box, i) => { box.textContent = numbers[i]; });
}"""


def destination_pages(pdf: bytes | Path) -> dict[str, int]:
    """Each named destination of a PDF Chromium printed (an element id) and its page number, from 1."""
    from pypdf import PdfReader

    reader = PdfReader(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))
    pages = {name.lstrip("/"): reader.get_destination_page_number(dest) + 1
             for name, dest in reader.named_destinations.items()}
    # pypdf's objects point at each other, so only the cycle collector frees them: without this the
    # parsed first pass stays in memory through the second (atlas: about 40 MB).
    del reader
    gc.collect()
    return pages


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
    """Print `site`'s print page to the file `out`, with page numbers in its contents.

    Chromium ignores CSS `target-counter()`, so the page is printed twice without reloading: the first
    PDF says on which page each contents entry's destination landed, the numbers are written into
    boxes whose width was fixed before the first pass (nothing reflows), and the second pass is the PDF.
    Between the passes Chromium is asked to collect the first pass's garbage, so memory does not add up.
    The second PDF is read back and must agree with the numbers, or nothing is written.
    """
    source = print_page(site.resolve())
    day = day or datetime.date.today()
    page = browser.new_page()
    page.set_default_timeout(600_000)  # a 500-article print page takes a while to load and lay out
    try:
        page.goto(source.as_uri(), wait_until="load")
        # print-site.js copies the table of contents in on load; wait for it and for the fonts.
        page.wait_for_function("() => document.querySelector('#print-page-toc nav ul') !== null")
        page.evaluate("() => document.fonts.ready")
        ids = page.evaluate(PREPARE, [edition, TITLE, LABEL[edition], f"{day.day} {day:%B %Y}", PLACEHOLDER])
        if ids == "edition":
            raise PdfError(f"{source}: expected the {LABEL[edition].lower()}, found another edition's print page "
                           "(or none): check which folder was given for which edition")
        if ids == "cover":
            raise PdfError(f"{source}: the print page has no cover: keep 'add_cover_page: true' for print-site in mkdocs.yml")
        if ids == "contents":
            raise PdfError(f"{source}: the print page has no table of contents: keep 'add_table_of_contents: true' "
                           "for print-site in mkdocs.yml")
        options: dict[str, Any] = dict(format="A4", print_background=True, display_header_footer=True,
                                       header_template=header(edition), footer_template=FOOTER, margin=MARGIN)
        # The first pass only has to say where things land: no outline, tags, running heads or backgrounds,
        # which cost time and do not move anything (the second pass is checked against it below).
        landed = destination_pages(page.pdf(format="A4", margin=MARGIN))
        lost = [target for target in ids if target not in landed]
        if lost:
            raise PdfError(f"{source}: the contents link to {', '.join('#' + t for t in lost[:5])}, "
                           "which the printed page does not have")
        numbers = [landed[target] for target in ids]
        page.evaluate(NUMBER, [str(n) for n in numbers])
        # The first pass's print layout is left as garbage that Chromium does not collect by itself before
        # the second pass: collected now, the passes do not add up (atlas: peak 1.7 to 2.2 GB without, 1.6 GB with).
        page.request_gc()
        page.pdf(path=str(out), outline=True, tagged=True, **options)
        final = destination_pages(out)
        moved = [(target, n, final.get(target)) for target, n in zip(ids, numbers) if final.get(target) != n]
        if moved:
            out.unlink(missing_ok=True)
            raise PdfError(f"{source}: contents entries moved while their page numbers were filled in "
                           f"(first {moved[0][0]}: page {moved[0][1]}, then {moved[0][2]}): "
                           "the page number boxes must keep one width")
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
