"""`make pdf`: each edition's print page as an A4 PDF (macros/publish/pdf.py), read back with pypdf."""
from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT
from macros.content.audience import for_edition
from macros.content.loader import load_catalog
from macros.publish.pdf import INTERNAL_MARK, LABEL, TITLE, render
from macros.render.checklist import BOX
from macros.render.text import plain

pytestmark = pytest.mark.browser
DAY = datetime.date(2026, 3, 9)
# Navigation sections: in print each heads its first chapter's page.
PARTS = ["Tutorial", "Onboarding", "Principles", "How-to guides", "Reference"]


CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
# Wording about the site in a browser, which means nothing to someone holding paper.
SCREEN_ONLY = re.compile(r"\b(browsers?|buttons?|click|tap|saved?|saving|export(s|ed|ing)?|import(s|ed|ing)?|"
                         r"snapshots?|download|on the page|menu)\b", re.IGNORECASE)
RUNNING = re.compile(r"Page \d+ of \d+|Partnership Playbook: partner edition|" + re.escape(INTERNAL_MARK))


class Printed:
    """A PDF and the text of each page, extracted once (pypdf takes about 0.1 s a page)."""

    def __init__(self, path: Path) -> None:
        self.reader = PdfReader(path)
        self.pages = [page.extract_text() or "" for page in self.reader.pages]
        self.destinations = {name.lstrip("/"): self.reader.get_destination_page_number(dest) + 1
                             for name, dest in self.reader.named_destinations.items()}

    def lines(self, number: int) -> list[str]:
        """The text lines of a page (from 1) without its running head and foot."""
        return [line.strip() for line in self.pages[number - 1].splitlines()
                if line.strip() and not RUNNING.fullmatch(line.strip())]

    def contents(self) -> list[tuple[str, str, int]]:
        """Each contents entry on page 2: (destination, title, the page number printed on its line)."""
        page = self.reader.pages[1]
        words: list[tuple[str, float, float]] = []

        def visit(text: str, cm: list, tm: list, *_: object) -> None:
            if text.strip():
                words.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))
        page.extract_text(visitor_text=visit)
        entries = []
        for annot in page.get("/Annots") or []:
            link = annot.get_object()
            if link.get("/Subtype") != "/Link" or "/Dest" not in link:
                continue
            left, bottom, right, top = (float(v) for v in link["/Rect"])
            inside = sorted((x, text) for text, x, y in words if left - 1 <= x <= right + 1 and bottom <= y <= top)
            numbers = [text for _, text in inside if text.isdigit()]
            title = " ".join(text for _, text in inside if not text.isdigit())
            entries.append((str(link["/Dest"]).lstrip("/"), title, int(numbers[-1]) if numbers else 0))
        return entries


def titles(outline: list) -> list[str]:
    found: list[str] = []
    for entry in outline:
        found += titles(entry) if isinstance(entry, list) else [entry.title]
    return found


@pytest.fixture(scope="module")
def pdfs(browser, site, public_site, tmp_path_factory) -> dict[str, Printed]:
    out = tmp_path_factory.mktemp("pdf")
    printed = {}
    for edition, built in (("internal", site), ("public", public_site)):
        render(browser, built.root, out / f"{edition}.pdf", edition, DAY)
        printed[edition] = Printed(out / f"{edition}.pdf")
    return printed


def test_a4_pages_with_a_cover_naming_the_edition_and_the_date(pdfs) -> None:
    for edition, label in (("internal", "Internal edition"), ("public", "Partner edition")):
        printed = pdfs[edition]
        assert len(printed.pages) > 30, edition
        width, height = (float(x) for x in printed.reader.pages[0].mediabox.upper_right)
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, "A4 in points"
        cover = printed.pages[0]
        assert label in cover and "9 March 2026" in cover, cover


def test_table_of_contents_and_bookmarks_for_chapters_and_headings(pdfs) -> None:
    for printed in pdfs.values():
        pages, reader = printed.pages, printed.reader
        assert "Table of Contents" in pages[1] and "Why partner at all" in pages[1]
        marks = titles(reader.outline)
        for title in ["Why partner at all", "Trust", "Fair price", "How to run a partnership review", "Glossary"]:
            assert title in marks, title
        assert any(isinstance(entry, list) for entry in reader.outline), "headings nest under their chapters"


def test_tagged_pdf_without_form_controls(pdfs) -> None:
    for edition, printed in pdfs.items():
        reader = printed.reader
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], edition
        assert "/AcroForm" not in root, edition
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                assert annot.get_object().get("/Subtype") != "/Widget", edition
        text = "\n".join(printed.pages)
        # Onboarding programmes and checklists print as lists: no progress bar, no "steps done" counter.
        assert "steps done" not in text
        assert "Read \"Trust\"" in text  # a step of the partner programme, as a list item
        assert re.search(BOX + r'\s*Read "Trust"', text), "a programme's step has a box to tick on paper"


def test_page_numbers_on_every_page_and_the_internal_mark_only_inside(pdfs) -> None:
    for edition, printed in pdfs.items():
        pages = printed.pages
        total = len(pages)
        for number, text in enumerate(pages, start=1):
            assert f"Page {number} of {total}" in text, (edition, number)
            assert (INTERNAL_MARK in text) == (edition == "internal"), (edition, number)


def test_no_page_holds_a_part_title_alone(pdfs) -> None:
    for edition, printed in pdfs.items():
        for number, text in enumerate(printed.pages, start=1):
            lines = [line for line in text.splitlines()
                     if not re.fullmatch(r"Page \d+ of \d+", line) and INTERNAL_MARK not in line
                     and "Partnership Playbook: partner edition" not in line]
            assert len(lines) > 2 or not set(lines) & set(PARTS), (edition, number, lines)


def test_the_partner_pdf_leaves_out_internal_pages(pdfs) -> None:
    internal, public = ("\n".join(pdfs[e].pages) for e in ("internal", "public"))
    assert "Approvals and contacts" in internal
    assert "Approvals and contacts" not in public


def fake_site(folder: Path, body: str) -> Path:
    (folder / "print_page").mkdir(parents=True)
    (folder / "print_page" / "index.html").write_text(f"<!doctype html><title>x</title>{body}")
    return folder


def test_a_failed_run_keeps_the_previous_pdfs(tmp_path: Path) -> None:
    """The first edition prints, the second fails: neither PDF is replaced (macros.publish.pdf main)."""
    toc = '<div id="print-page-toc"><nav><ul><li>Chapter</li></ul></nav></div><p>Text</p>'
    cover = '<section id="print-site-cover-page"></section>'
    internal = fake_site(tmp_path / "internal", f'<p class="pb-edition--internal">Internal</p>{cover}{toc}')
    public = fake_site(tmp_path / "public", f'<p class="pb-edition--public">Partner</p>{cover}{toc}')
    coverless = fake_site(tmp_path / "coverless", f'<p class="pb-edition--public">Partner</p>{toc}')
    dist = tmp_path / "dist"
    dist.mkdir()
    for name in ("partnership-playbook-internal.pdf", "partnership-playbook-partner.pdf"):
        (dist / name).write_bytes(b"previous " + name.encode())

    def make_pdf(internal_site: Path, public_site: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "macros.publish.pdf", str(internal_site), str(public_site), str(dist)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)

    run = make_pdf(internal, coverless)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "the print page has no cover" in run.stderr and "No PDF was replaced" in run.stderr
    assert sorted(os.listdir(dist)) == ["partnership-playbook-internal.pdf", "partnership-playbook-partner.pdf"]
    assert (dist / "partnership-playbook-internal.pdf").read_bytes() == b"previous partnership-playbook-internal.pdf"
    fixed = make_pdf(internal, public)
    assert fixed.returncode == 0, fixed.stderr
    assert (dist / "partnership-playbook-partner.pdf").read_bytes().startswith(b"%PDF")


def test_one_edition_is_never_printed_as_the_other(browser, site, tmp_path: Path) -> None:
    import macros.publish.pdf as pdf
    with pytest.raises(pdf.PdfError, match="expected the partner edition, found another edition's print page"):
        render(browser, site.root, tmp_path / "x.pdf", "public")
    assert not (tmp_path / "x.pdf").exists()


def test_missing_chromium_names_the_command_to_install_it(monkeypatch, tmp_path: Path) -> None:
    import macros.publish.pdf as pdf
    monkeypatch.setattr(pdf, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(pdf.PdfError, match="run 'sudo apt-get install chromium', then"):
        pdf.make_pdfs([(tmp_path, tmp_path / "x.pdf", "public")])


def test_contents_give_each_entry_the_page_its_destination_is_on(pdfs) -> None:
    """Both passes: the second PDF's contents carry numbers, and each is the page where its link lands."""
    for edition, printed in pdfs.items():
        entries = printed.contents()
        assert len(entries) > 20, (edition, entries)
        for target, title, number in entries:
            assert number == printed.destinations[target], (edition, title, number, printed.destinations[target])
        titles = [title for _, title, _ in entries]
        assert len(titles) == len(set(titles)), f"an entry repeats: {titles}"  # no "Principles › Principles"
        assert "Sources" in titles, "the contents fit on one page"
        assert "Table of Contents" not in printed.pages[2]
        assert printed.lines(3)[0] == "Partnership Playbook", "the home page starts on the page after the contents"


def test_a_plain_cover(pdfs) -> None:
    for edition, printed in pdfs.items():
        assert printed.lines(1) == [TITLE, LABEL[edition], "9 March 2026"], edition


def test_no_page_is_nearly_empty(pdfs) -> None:
    """After the contents, chapters follow on: only the cover and the last page may hold a few lines."""
    for edition, printed in pdfs.items():
        for number in range(2, len(printed.pages)):
            pictures = len(printed.reader.pages[number - 1].images)
            assert len(printed.lines(number)) >= 8 or pictures, (edition, number, printed.lines(number))


def checklist_text(printed: Printed, cid: str, title: str, summary: str, bands: list[str]) -> str:
    """What the PDF prints of one checklist's page: from its title to the end of its bands."""
    start = printed.destinations[f"reference-checklists-{cid}"]
    text = "\n".join(printed.pages[start - 1:start + 4])
    begin = text.rindex(title, 0, text.index(summary[:40]))
    assert "How to read your score" in text[begin:], f"{cid}: no bands printed"
    key = text.index("How to read your score", begin)
    last = re.compile(r"\s+".join(map(re.escape, bands[-1].split()))).search(text, key)  # table cells wrap
    assert last, (cid, bands[-1])
    return text[begin:last.end()]


def test_a_checklist_can_be_answered_on_paper(pdfs) -> None:
    """A box per answer, numbers 1..N across sections, weights, the scoring rule and every band."""
    for edition, printed in pdfs.items():
        for checklist in for_edition(CATALOG, edition):
            text = checklist_text(printed, checklist.id, checklist.title, plain(checklist.summary),
                                  [band.label for band in checklist.bands])
            items = [item for section in checklist.sections for item in section.items]
            choices = len(checklist.points) + 1  # and "Not applicable"
            assert text.count(BOX) == len(items) * choices, (edition, checklist.id)
            numbers = [int(n) for n in re.findall(r"(?m)^\s*(\d+)\.\s", text)]
            assert numbers == list(range(1, len(items) + 1)), (edition, checklist.id, numbers)
            assert "divide by" in text and "Not applicable" in text
            for band in checklist.bands:
                assert band.label in " ".join(text.split()), (edition, checklist.id, band.label)
            assert text.count("Weight ") == sum(item.weight != 1 for item in items), (edition, checklist.id)
            found = SCREEN_ONLY.findall(text)
            assert not found, (edition, checklist.id, found)


def test_no_browser_wording_on_the_cover_or_where_a_reader_starts(pdfs) -> None:
    for edition, printed in pdfs.items():
        assert not SCREEN_ONLY.search("\n".join(printed.lines(1))), edition
        whole = "\n".join(printed.pages)
        assert not re.search(r"stays? in (your|this) browser", whole), edition


def test_the_partner_pdf_has_nothing_about_our_own_staff(pdfs) -> None:
    public = "\n".join(pdfs["public"].pages)
    assert "New colleague self-check" not in public and "your buddy" not in public
    assert "New colleague self-check" in "\n".join(pdfs["internal"].pages)


def test_contents_that_move_between_the_passes_write_no_pdf(browser, tmp_path: Path, monkeypatch) -> None:
    """If filling in the numbers reflowed the page, the numbers would be wrong: nothing is written."""
    import macros.publish.pdf as pdf
    chapters = "".join(f'<section id="c{n}" style="break-before:page"><h1>Chapter {n}</h1><p>Text</p></section>'
                       for n in range(3))
    entries = "".join(f'<li><a href="#c{n}">Chapter {n}</a></li>' for n in range(3))
    site = fake_site(tmp_path / "site", '<p class="pb-edition--public">Partner</p>'
                     f'<section id="print-site-cover-page"></section>'
                     f'<div id="print-page-toc"><nav><ul>{entries}</ul></nav></div>{chapters}')
    # A number box that grows: the second pass has a whole page more before the chapters.
    monkeypatch.setattr(pdf, "NUMBER", """(numbers) => {
      document.querySelectorAll("#print-page-toc .pb-toc__page").forEach((box, i) => {
        box.textContent = numbers[i]; box.style.display = "block"; box.style.height = "300mm"; });
    }""")
    with pytest.raises(pdf.PdfError, match="contents entries moved while their page numbers were filled in"):
        render(browser, site, tmp_path / "x.pdf", "public")
    assert not (tmp_path / "x.pdf").exists()


def test_no_heading_is_stranded_at_the_foot_of_a_page(pdfs) -> None:
    """Every bookmarked heading has room under it on its page for at least a line of what it heads."""
    # Bottom margin 16 mm (45 pt), a heading's own line and one line of text: a heading whose top is lower
    # than this ends its page.
    lowest = 75.0
    for edition, printed in pdfs.items():
        def walk(outline: list) -> None:
            for entry in outline:
                if isinstance(entry, list):
                    walk(entry)
                elif entry.top is not None:
                    assert float(entry.top) >= lowest, (edition, entry.title, float(entry.top))
        walk(printed.reader.outline)


def test_the_second_pass_starts_after_chromium_collected_the_first(browser, tmp_path: Path, monkeypatch) -> None:
    """The first pass's print layout is garbage Chromium keeps until it is asked to collect it: asked between
    the passes, the atlas partner PDF peaks at about 1.6 GB instead of up to 2.2 GB (benchmarks/atlas_pdf_budget.py)."""
    calls: list[str] = []

    class Watched:
        def __init__(self, page) -> None:
            self.page = page

        def __getattr__(self, name: str):
            if name in ("pdf", "request_gc"):
                calls.append(name)
            return getattr(self.page, name)

    new_page = browser.new_page
    monkeypatch.setattr(browser, "new_page", lambda: Watched(new_page()))
    site = fake_site(tmp_path / "site", '<p class="pb-edition--public">Partner</p>'
                     '<section id="print-site-cover-page"></section>'
                     '<div id="print-page-toc"><nav><ul><li><a href="#c">Chapter</a></li></ul></nav></div>'
                     '<section id="c"><h1>Chapter</h1><p>Text</p></section>')
    render(browser, site, tmp_path / "x.pdf", "public")
    assert calls == ["pdf", "request_gc", "pdf"]


def test_reading_destinations_keeps_nothing_of_the_pdf(tmp_path: Path) -> None:
    """pypdf's objects refer to each other, so only the cycle collector frees a reader: the parsed first
    pass must not stay in memory through the second."""
    import gc

    from pypdf import PdfWriter

    from macros.publish.pdf import destination_pages
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(100, 100)
    writer.add_named_destination("c", 2)
    writer.write(tmp_path / "x.pdf")
    gc.collect()
    before = {id(reader) for reader in gc.get_objects() if isinstance(reader, PdfReader)}  # other tests' readers
    gc.disable()  # only destination_pages' own collection may free the reader
    try:
        assert destination_pages((tmp_path / "x.pdf").read_bytes()) == {"c": 3}
        assert not [kept for kept in gc.get_objects() if isinstance(kept, PdfReader) and id(kept) not in before]
    finally:
        gc.enable()
