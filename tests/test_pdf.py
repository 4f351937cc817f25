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
from macros.publish.pdf import INTERNAL_MARK, render

pytestmark = pytest.mark.browser
DAY = datetime.date(2026, 3, 9)
# Navigation sections: in print each heads its first chapter's page.
PARTS = ["Tutorial", "Onboarding", "Principles", "How-to guides", "Reference"]


class Printed:
    """A PDF and the text of each page, extracted once (pypdf takes about 0.1 s a page)."""

    def __init__(self, path: Path) -> None:
        self.reader = PdfReader(path)
        self.pages = [page.extract_text() or "" for page in self.reader.pages]


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
