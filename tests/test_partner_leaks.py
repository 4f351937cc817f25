"""What still reached partners past the allowlist: attachments, the term scan's sources, old item ids, commented headings.

1. An attachment a public page links (PDF, Office Open XML, OpenDocument) ships as it is: it is read and
   searched like a page, and a file the check cannot read stops the partner build (macros/content/attachments.py).
2. A hit names the sources that write the phrase and can reach partners (scripts and stylesheets in overrides/,
   attachments, data files included; internal pages, internal items and internal template branches left out),
   and an exception for an attachment or a script is recognised (macros/content/never_publish.py); a hit passes
   only when every file that writes the phrase has its exception (reach is a guess, used for naming only).
3. An item's `replaces` ids reach the partner data only when they cannot name an internal item (audience.py).
4. A heading inside an HTML comment is no heading for the docs index, in either edition (anchors.py, markup.py).
5. A public page pulls in no other file with {% include %}, {% import %} or {% extends %} (macro_calls.py).
6. A passage titled internal that reaches Markdown (quoted, on a bullet's line, HTML <details>) stops the build
   (edition.py: `titled_internal`), and so does text hidden with raw HTML (`hidden_html`).
7. A heading partners see that starts with words saying internal (`## Internal notes`) hides nothing: it stops the
   partner build with its line (partner_view.py: `headings_saying_internal`).

The partner builds are real builds of a copy of the project (tests/conftest.py, "Partner corpus").
"""
from __future__ import annotations

import gzip
import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, PartnerBuild, append_to, output_texts, plant_and_build_partner
from macros.content import attachments, never_publish
from macros.content.anchors import heading_ids
from macros.content.attachments import Unreadable, text_of
from macros.content.audience import checklist_for_edition
from macros.content.loader import parse_checklist
from macros.content.markup import strip_comments

TERMS = never_publish.DEFAULT_TERMS


# -- Attachments made the way editors save them ---------------------------------------------------------------
def pdf(text: str, *, annotation: str | None = None, title: str | None = None) -> bytes:
    """A one-page PDF showing `text` (with a comment, and a title in its properties, when given)."""
    objects = [f"<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents ({annotation}) >>".encode()] \
        if annotation else []
    if title:
        objects.append(f"<< /Title ({title}) >>".encode())
    return raw_pdf(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode(), page=" /Annots [6 0 R]" if annotation else "",
                   objects=objects, trailer=f" /Info {5 + len(objects)} 0 R" if title else "")


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def raw_pdf(content: bytes, *, page: str = "", catalog: str = "", font: bytes = HELVETICA,
            objects: list[bytes] | tuple[bytes, ...] = (), trailer: str = "") -> bytes:
    """A one-page PDF drawing `content` with font /F1: objects 1 to 5 are the catalog, the page tree, the page, its
    content and the font (with `catalog` and `page` added to their dictionaries), `objects` are numbered from 6."""
    bodies = [f"<< /Type /Catalog /Pages 2 0 R{catalog} >>".encode(), b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << "
               f"/F1 5 0 R >> >>{page} >>").encode(), pdf_stream(content), font, *objects]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1) + b"".join(b"%010d 00000 n \n" % o
                                                                                 for o in offsets))
    out.write(f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def pdf_stream(data: bytes, entries: str = "") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), entries.encode()) + data + b"\nendstream"


def saved_again(original: bytes, number: int, body: bytes) -> bytes:
    """`original` with object `number` replaced the way an editor's quick save does: appended, with a new
    cross-reference section pointing back to the old one (/Prev); the old object stays in the file."""
    previous = int(original.rsplit(b"startxref", 1)[1].split()[0])
    size = int(original.rsplit(b"/Size ", 1)[1].split()[0])
    offset = len(original)
    update = b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = offset + len(update)
    return original + update + (f"xref\n{number} 1\n{offset:010d} 00000 n \ntrailer\n<< /Size {size} /Root 1 0 R "
                                f"/Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n").encode()


def zipped(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def docx(body: str, **parts: str | bytes) -> bytes:
    """A Word document whose text is `body`, split into two runs (as Word does at a change of formatting)."""
    half = len(body) // 2
    document = (f'<w:document><w:body><w:p><w:r><w:t>{body[:half]}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
                f'<w:t xml:space="preserve">{body[half:]}</w:t></w:r></w:p></w:body></w:document>')
    return zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": document,
                   "docProps/thumbnail.jpeg": b"\xff\xd8\xff", **parts})


def xlsx(cell: str) -> bytes:
    return zipped({"[Content_Types].xml": "<Types/>", "xl/sharedStrings.xml": f"<sst><si><t>{cell}</t></si></sst>",
                   "xl/printerSettings/printerSettings1.bin": b"\x00\x01" + "Office printer".encode("utf-16-le")})


def pptx_notes(note: str) -> bytes:
    return zipped({"[Content_Types].xml": "<Types/>", "ppt/slides/slide1.xml": "<p:sld><a:t>Agenda</a:t></p:sld>",
                   "ppt/notesSlides/notesSlide1.xml": f"<p:notes><a:t>{note}</a:t></p:notes>"})


def odt(text: str) -> bytes:
    return zipped({"mimetype": "application/vnd.oasis.opendocument.text",
                   "content.xml": f"<office:document-content><text:p>{text}</text:p></office:document-content>",
                   "Thumbnails/thumbnail.png": b"\x89PNG"})


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def attached_pdf(name: str, data: bytes) -> bytes:
    """A PDF with a file attached the way editors attach one to a document (pypdf's writer: the names tree)."""
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_attachment(name, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pinned_pdf(file: bytes, entries: str = "", name: str = "notes.txt") -> bytes:
    """A PDF with a file pinned to its page as a comment (a file-attachment annotation, /FS -> /EF -> /F)."""
    return raw_pdf(b"BT /F1 12 Tf 72 720 Td (See the attached file.) Tj ET", page=" /Annots [6 0 R]", objects=[
        b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS 7 0 R /Contents (Notes) >>",
        f"<< /Type /Filespec /F ({name}) /UF ({name}) /EF << /F 8 0 R >> >>".encode(),
        pdf_stream(file, " /Type /EmbeddedFile" + entries)])


def xmp_pdf(title: str) -> bytes:
    """A PDF whose XMP metadata (the /Metadata stream Acrobat and Word write) holds a title its /Info does not."""
    xmp = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
           'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/'
           f'elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>'
           '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()
    return raw_pdf(b"BT /F1 12 Tf 72 720 Td (A clean page.) Tj ET", catalog=" /Metadata 6 0 R",
                   objects=[pdf_stream(xmp, " /Type /Metadata /Subtype /XML")])


def type3_pdf(*glyphs: str) -> bytes:
    """A PDF drawing three characters with a Type 3 font (drawn shapes, no /ToUnicode) named `glyphs`."""
    font = ("<< /Type /Font /Subtype /Type3 /FontBBox [0 0 10 10] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << "
            f"/{glyphs[0]} 6 0 R >> /Encoding << /Type /Encoding /Differences [1 {' '.join('/' + g for g in glyphs)}] "
            f">> /FirstChar 1 /LastChar {len(glyphs)} /Widths [{' '.join('500' for _ in glyphs)}] >>").encode()
    return raw_pdf(b"BT /F1 12 Tf 72 720 Td (\x01\x02\x01) Tj ET", font=font,
                   objects=[pdf_stream(b"500 0 d0 0 0 m 5 5 l f")])


def cid_pdf() -> bytes:
    """A PDF drawing glyph numbers of an embedded font without the table that says which letters they are."""
    return raw_pdf(b"BT /F1 12 Tf 72 720 Td <00410042> Tj ET", font=b"<< /Type /Font /Subtype /Type0 /BaseFont /F "
                   b"/Encoding /Identity-H /DescendantFonts [6 0 R] >>", objects=[
                       b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /F /CIDSystemInfo << /Registry (Adobe) "
                       b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R >>",
                       b"<< /Type /FontDescriptor /FontName /F /Flags 4 /FontBBox [0 0 10 10] /ItalicAngle 0 "
                       b"/Ascent 1 /Descent 0 /CapHeight 1 /StemV 1 >>"])


def utf16_docx(body: str, encoding: str = "utf-16", declared: str = "UTF-16") -> bytes:
    """A Word document whose main part is saved in UTF-16 (with a byte-order mark for 'utf-16')."""
    document = f'<?xml version="1.0" encoding="{declared}"?><w:document><w:body><w:p><w:r><w:t>{body}</w:t>' \
               "</w:r></w:p></w:body></w:document>"
    return zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": document.encode(encoding)})


def metafile(header: bytes, *runs: str, wide: bool = True) -> bytes:
    """A vector picture (EMF, WMF, SVM) drawing `runs` as separate text records between binary ones."""
    return header + b"".join(b"\x00\x13\x00\x00\x00\x07\x00" + (run.encode("utf-16-le") if wide else run.encode())
                             + b"\x00\x00\x00\x08" for run in runs)


NOT_A_FILE_PDF = raw_pdf(b"BT /F1 12 Tf 72 720 Td (Clean) Tj ET", catalog=" /Names << /EmbeddedFiles << /Names "
                         "[(a.txt) 6 0 R] >> >>", objects=[b"<< /Type /Filespec /F (a.txt) /EF << /F 7 0 R >> >>",
                                                           b"<< /Size 1 >>"])  # what is attached is no file
PASTED_OLE_DOCX = docx("clean", **{"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0\x00\x01"})
EMF = b"\x01\x00\x00\x00\x6c\x00\x00\x00" + b"\x00" * 32 + b" EMF"
WMF = b"\xd7\xcd\xc6\x9a\x00\x00"
SVM = b"VCLMTF\x01\x00"


# -- 1. Reading attachments, without a build ------------------------------------------------------------------
@pytest.mark.parametrize("name,data", [
    ("terms.pdf", pdf("Our floor is internal only.")),
    ("comment.pdf", pdf("A clean page.", annotation="internal only: check with Legal")),
    ("properties.pdf", pdf("A clean page.", title="Internal only draft")),
    ("plan.docx", docx("Margins: internal only")),  # the phrase split across two runs
    ("comments.docx", docx("A clean letter.", **{"word/comments.xml": "<w:comments><w:t>internal only</w:t>"
                                                                       "</w:comments>"})),
    ("prices.xlsx", xlsx("Floor (internal only)")),
    ("deck.pptx", pptx_notes("Say nothing: internal only")),
    ("letter.odt", odt("Internal <text:span>only</text:span>")),
    ("inside.docx", docx("A clean cover.", **{"word/embeddings/sheet.xlsx": xlsx("internal only")})),
    ("sitemap.xml.gz", gzip.compress(b"<loc>internal-only</loc>", mtime=0)),
    ("attached.pdf", attached_pdf("notes.docx", docx("Margins: internal only"))),
    ("pinned.pdf", pinned_pdf(b"Margins: internal only")),  # a file pinned to the page as a comment
    ("pinned-docx.pdf", pinned_pdf(docx("Margins: internal only"), name="plan.docx")),
    ("xmp.pdf", xmp_pdf("Internal only draft")),
    ("utf16.docx", utf16_docx("Margins: internal only")),
    ("utf16le.docx", utf16_docx("Margins: internal only", "utf-16-le")),  # no byte-order mark: the declaration
    ("utf16be.docx", utf16_docx("Margins: internal only", "utf-16-be")),
    ("latin.docx", utf16_docx("Caf\u00e9 prices: internal only", "cp1252", "windows-1252")),
    ("chart.emf", metafile(EMF, "Floor price", "internal only")),
    ("chart.wmf", metafile(WMF, "Floor price", "internal only", wide=False)),
    ("chart.svm", metafile(SVM, "internal only")),
    ("picture.docx", docx("A clean letter.", **{"word/media/image1.emf": metafile(EMF, "internal only")})),
    ("packed.docx", docx("A clean letter.", **{"word/media/image2.emz": gzip.compress(metafile(EMF, "internal only"))})),
    ("object.odt", zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<text:p/>",
                           "ObjectReplacements/Object 1": metafile(SVM, "internal only")})),
], ids=lambda value: value if isinstance(value, str) else "file")
def test_a_phrase_in_an_attachment_is_found_wherever_the_format_keeps_it(name: str, data: bytes) -> None:
    assert never_publish.found_in(text_of(name, data) or "", TERMS) == ["internal only"]


@pytest.mark.parametrize("name,data,found", [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "internal only".encode("utf-16-le"), "old Office format"),
    ("prices.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office format"),
    ("bundle.zip", zipped({"notes.txt": "internal only"}), "an archive"),
    ("macro.docm", docx("clean"), "with macros"),
    ("locked.pdf", encrypted_pdf(), "password-protected PDF"),
    ("broken.pdf", b"%PDF-1.4 not really", "damaged PDF"),
    ("broken.docx", b"PK\x03\x04 not really", "damaged document"),
    ("embedded.docx", PASTED_OLE_DOCX,
     "an object pasted into it (a spreadsheet or another document) that the check cannot read"),
    ("warned.pdf", pdf("Clean.").replace(b"0000000009 00000 n", b"0000000019 00000 n"),
     "a PDF the check could not read in full"),  # pypdf warns, and reads on by guessing
    ("empty-attachment.pdf", pinned_pdf(b"not packed", " /Filter /FlateDecode"),
     "a PDF the check could not read in full"),  # pypdf cannot unpack the attached file, and gives nothing
    ("not-a-file.pdf", NOT_A_FILE_PDF, "a damaged PDF"),
    ("saved-again.pdf", saved_again(pdf("Floor: internal only."), 4,
                                    pdf_stream(b"BT /F1 12 Tf 72 720 Td (Clean.) Tj ET")),
     "a PDF saved over an earlier version of itself"),
    ("type3.pdf", type3_pdf("g1", "g2"), "text the check cannot turn into letters"),
    ("blank.pdf", type3_pdf("space", "space"), "text the check cannot turn into letters"),
    ("glyphs.pdf", cid_pdf(), "text the check cannot turn into letters"),
    ("nul.docx", zipped({"word/document.xml": b"<w:t>internal\x00\x00 only</w:t>"}), "a text encoding"),
    ("unknown.docx", utf16_docx("internal only", "utf-8", "x-unheard-of"), "a text encoding"),
    ("notes.txt", "internal only".encode("utf-16"), "not text"),
    ("latin.csv", "Caf\u00e9".encode("latin-1"), "not text saved as UTF-8"),
    ("video.mp4", b"\x00\x00\x00\x18ftypmp42", "not text"),
], ids=lambda value: value if isinstance(value, str) else "file")
def test_a_file_the_check_cannot_read_is_refused_with_what_it_is(name: str, data: bytes, found: str) -> None:
    with pytest.raises(Unreadable) as caught:
        text_of(name, data)
    assert found in caught.value.found and caught.value.fix


def test_a_pdf_saved_over_an_earlier_version_is_refused_with_what_to_do() -> None:
    """The first version's text is still in the file (any PDF tool shows it): a fresh copy has only the last."""
    with pytest.raises(Unreadable) as caught:
        text_of("terms.pdf", saved_again(pdf("Floor: internal only."), 4, pdf_stream(b"BT ET")))
    assert "earlier text may still be inside it" in caught.value.found
    assert caught.value.fix.startswith("save it as a new file (File > Save As) or export it again as PDF")


def test_short_words_in_a_vector_picture_are_read_too() -> None:
    """Pictures drawn by Office (charts, SmartArt) keep each word or run as text; 'do' is a word of a phrase."""
    assert never_publish.found_in(text_of("chart.emf", metafile(EMF, "do", "not share")) or "", TERMS) == \
        ["do not share"]


def test_whatever_goes_wrong_reading_a_file_it_is_refused_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure the reader did not foresee (here: a mistake in reading a zip) is a file that cannot be checked."""
    def broken(*_: object) -> str:
        raise KeyError("word/document.xml")
    monkeypatch.setattr(attachments._Reader, "_zipped", broken)
    with pytest.raises(Unreadable) as caught:
        text_of("plan.docx", docx("clean"))
    assert caught.value.found == "a damaged file the check could not read to the end"


def test_images_and_fonts_stay_unread_and_text_is_text() -> None:
    for name in ("a.png", "b.JPG", "c.woff2", "d.ttf"):
        assert text_of(name, b"\x00internal only") is None
    assert text_of("chart.svg", b"<svg><text>internal only</text></svg>") is not None
    assert text_of("LICENSE", b"\xef\xbb\xbfPermission is granted") == "Permission is granted"


def test_a_zip_bomb_is_refused_after_a_bounded_read() -> None:
    bomb = zipped({f"word/part{i}.xml": b"<w:t>" + b" " * 20_000_000 + b"</w:t>" for i in range(3)})
    assert len(bomb) < 500_000
    started = time.process_time()
    with pytest.raises(Unreadable) as caught:
        text_of("bomb.docx", bomb)
    assert "once unpacked" in caught.value.found
    assert time.process_time() - started < 5
    with pytest.raises(Unreadable):  # a header that lies about sizes changes nothing: bytes are counted as read
        text_of("bomb.docx.gz", gzip.compress(b" " * (attachments.MAX_UNPACKED_BYTES + 1)))


# -- 2 and 3. Sources and old ids, without a build ------------------------------------------------------------
def test_yaml_lines_in_internal_entries_and_template_branches_for_colleagues_are_known() -> None:
    checklist = ("id: x\nsections:\n  - id: s\n    items:\n      - id: a\n        text: public text\n"
                 "      - id: b\n        text: our text\n        audience: internal\n      - id: c\n        text: t\n")
    assert never_publish._internal_yaml_lines(checklist) == {7, 8, 9}
    assert never_publish._internal_yaml_lines("audience: internal\nid: x\n") == {1, 2}
    steps = "steps:\n  - id: a\n    page: public.md\n  - id: b\n    page: internal.md#x\n    outcome: o\n"
    assert never_publish._internal_yaml_lines(steps, lambda page: page == "internal.md") == {4, 5, 6}
    template = ('{% if config.extra.edition == "public" %}\nours\n{% else %}\ntheirs\n{% endif %}\n'
                "{% if not partner_edition %}\nhidden\n{% endif %}\n{% if x %}\nshown\n{% endif %}\n")
    hidden = never_publish._internal_template_lines(template)
    assert {4, 8} <= hidden and not {2, 11} & hidden


def test_a_hit_names_only_the_sources_that_reach_partners(tmp_path: Path) -> None:
    files = {
        "docs/public.md": "---\naudience: public\n---\n# P\n\nThe price is internal only.\n",
        "docs/internal.md": "# I\n\nThe rule: internal only.\n",
        "docs/passage.md": "---\naudience: public\n---\n# Q\n\n!!! internal\n    internal only\n\n<!-- internal only -->\n",
        "overrides/assets/javascripts/x.js": 'var note = "internal only";\n',
        "overrides/notes.txt": "internal only\n",
        "data/checklists/c.yml": "id: c\nsections:\n  - id: s\n    items:\n      - id: b\n        text: internal only\n"
                                 "        audience: internal\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "docs/files").mkdir()
    (tmp_path / "docs/files/linked.pdf").write_bytes(pdf("internal only"))
    (tmp_path / "docs/files/unlinked.pdf").write_bytes(pdf("internal only"))
    append_to(tmp_path / "docs/public.md", "[terms](files/linked.pdf)\n")
    sources = {str(s): s.reaches_partners for s in never_publish.Sources(tmp_path).lines("internal only")}
    assert {name for name, reaches in sources.items() if reaches} == {
        "docs/public.md:6", "overrides/assets/javascripts/x.js:1", "docs/files/linked.pdf"}
    assert {"docs/internal.md:3", "docs/passage.md:7", "overrides/notes.txt:1", "data/checklists/c.yml:6",
            "docs/files/unlinked.pdf"} <= set(sources)
    from macros.build.term_scan import hits
    page, copy = hits([("site-public/p.html", "internal only"),
                       ("site-public/files/linked.pdf", "internal only", "docs/files/linked.pdf")],
                      never_publish.Terms(TERMS), tmp_path)
    assert page.startswith("docs/public.md:6, overrides/assets/javascripts/x.js:1: expected no never-publish ")
    assert copy.startswith("docs/files/linked.pdf: expected no never-publish phrase")


GLOSSARY = "---\naudience: public\n---\n# Glossary\n\nWe never write internal only on a public page.\n"
ALLOWED = never_publish.Terms(TERMS, (never_publish.Allowed("internal only", "docs/glossary.md",
                                                            "The glossary defines the phrase for partners."),))


@pytest.mark.parametrize("file,text,line", [
    ("docs/notes.md", "# Notes\n\nThe floor is internal only.\n", 3),  # an internal page
    ("docs/passage.md", "---\naudience: public\n---\n# Q\n\n!!! internal\n    internal only\n", 7),
    ("overrides/notes.txt", "internal only\n", 1),  # a note MkDocs would copy, were it not left out
    ("data/checklists/c.yml", "id: c\nsections:\n  - id: s\n    items:\n      - id: b\n        text: internal "
                              "only\n        audience: internal\n", 6),
    ("data/onboarding/o.yml", "id: o\nsteps:\n  - id: a\n    page: missing.md\n    outcome: internal only\n", 5),
], ids=["internal-page", "internal-passage", "overrides-note", "internal-item", "step-to-a-missing-page"])
def test_an_exception_lets_a_hit_pass_only_when_every_file_writing_the_phrase_has_one(
        tmp_path: Path, file: str, text: str, line: int) -> None:
    """Whether a source reaches partners is worked out from its markings, a guess the scan may not rest on: it
    names the likely source, and a hit passes only when every file that writes the phrase has its exception."""
    from macros.build.term_scan import hits
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/glossary.md").write_text(GLOSSARY, encoding="utf-8")
    output = [("site-public/glossary/index.html", "<p>We never write internal only on a public page.</p>")]
    assert hits(output, ALLOWED, tmp_path) == []  # the glossary is the only file that writes it
    (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / file).write_text(text, encoding="utf-8")
    assert not next(s for s in never_publish.Sources(tmp_path).lines("internal only") if s.file == file) \
        .reaches_partners  # (so far only the glossary was named, and its exception let the hit pass)
    [message] = hits(output, ALLOWED, tmp_path)
    assert message.startswith(f"{file}:{line}: expected no never-publish phrase (data/never-publish.yml) in what "
                              "partners receive, found 'internal only' in site-public/glossary/index.html (the "
                              f"exception for docs/glossary.md does not cover {file}:{line}, which writes it too, and "
                              "the check cannot tell which file partners got it from): reword it, ")
    assert message.endswith("or add an exception with its reason to data/never-publish.yml")


REPLACED = ("id: demo\ntitle: Demo\nversion: 2\nsummary: A demo.\n"
            "bands:\n  - {min: 0, max: 100, label: All, advice: Fine.}\nsections:\n  - id: s\n    title: S\n"
            "    items:\n      - id: a\n        text: A\n        guidance: principles/trust.md#fair-price\n"
            "        replaces: [old-a, internal-floor-a]\n")


def test_old_ids_reach_the_partner_data_only_when_they_cannot_name_an_internal_item() -> None:
    plain = parse_checklist(REPLACED, "demo.yml")
    assert checklist_for_edition(plain, "public").items[0].replaces == ("old-a",)
    assert checklist_for_edition(plain, "internal").items[0].replaces == ("old-a", "internal-floor-a")
    with_internal = parse_checklist(REPLACED + "      - id: b\n        text: B\n        guidance: principles/trust.md"
                                    "#fair-price\n        audience: internal\n", "demo.yml")
    assert checklist_for_edition(with_internal, "public").items[0].replaces == ()
    assert checklist_for_edition(with_internal, "internal").items[0].replaces == ("old-a",
                                                                                          "internal-floor-a")


def test_whether_a_checklist_has_internal_items_is_worked_out_once_per_checklist(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Not once per item with old ids: a checklist of many renamed items would be read over and over."""
    from macros.content import audience
    items = "".join(f"      - id: i{n}\n        text: T\n        guidance: principles/trust.md#fair-price\n"
                    f"        replaces: old-{n}\n" for n in range(6))
    checklist = parse_checklist(REPLACED.split("    items:\n")[0] + "    items:\n" + items, "demo.yml")
    calls = []
    counted = audience._has_internal
    monkeypatch.setattr(audience, "_has_internal", lambda c: calls.append(c.id) or counted(c))
    public = checklist_for_edition(checklist, "public")
    assert public is not None and [i.replaces for i in public.items] == [(f"old-{n}",) for n in range(6)]
    assert calls == ["demo"]


# -- 4. One rule for what a page shows, without a build -------------------------------------------------------
@pytest.mark.parametrize("body,absent,present", [
    ("<!--\n## Old heading {#old}\n-->\n## New {#new}\n", "old", "new"),
    ("Text <!-- ## not a heading --> more\n\n<!-- <p id=\"gone\">x</p> -->\n## Kept\n", "gone", "kept"),
    ("```text\n## In code {#code}\n```\n## After\n", "code", "after"),
    ("> ```\n> ## Quoted code {#quoted}\n> ```\n## After\n", "quoted", "after"),
    ("```text\nnever closed\n\n## Read on {#read-on}\n", "nothing", "read-on"),  # Markdown reads on: a heading
])
def test_the_docs_index_has_only_the_headings_a_reader_sees(body: str, absent: str, present: str) -> None:
    ids = heading_ids(body)
    assert absent not in ids and present in ids


@pytest.mark.parametrize("body,title", [
    ("<!--\n# Internal only: old title\n-->\n# Pricing {#pricing}\n\n## Fair price\n", "Pricing"),
    ("Intro <!-- a note\n# Draft name\n--> text.\n\n# Pricing\n", "Pricing"),
    ("```markdown\n# Example title\n```\n\n# Pricing\n", "Pricing"),
    ("~~~\n# Shell comment\n~~~\n# Pricing #\n", "Pricing"),
    ("## Only a section\n\nText.\n", "guide.md"),  # no title: the page's path, as before
])
def test_a_page_title_is_its_first_heading_a_reader_sees(tmp_path: Path, body: str, title: str) -> None:
    """Guidance labels are made of the page title: not a heading inside a comment or code (the one rule)."""
    from macros.content.anchors import scan_docs
    (tmp_path / "guide.md").write_text(body, encoding="utf-8")
    assert scan_docs(tmp_path).titles["guide.md"] == title


def test_comments_after_a_fence_never_closed_are_removed_like_any_other() -> None:
    """The comment rule and the heading rule agree on code: a fence never closed is not code."""
    assert "secret" not in strip_comments("```text\nnever closed\n\n<!-- secret -->\nAfter.\n")
    assert "<!-- kept -->" in strip_comments("```html\n<!-- kept -->\n```\n")


# -- The same, in real partner builds --------------------------------------------------------------------------
CLEAN_PDF, CLEAN_DOCX = "CLEAN-PDF-4d2a", "CLEAN-DOCX-8b3c"
OLD_ID_KEPT, OLD_ID_INTERNAL, OLD_ID_MIXED = "old-plan-7k2m", "internal-plan-5x9q", "old-check-3v8n"


def plant_green(project: Path) -> None:
    """Attachments that may ship (clean, or allowed by an exception), and old ids of three kinds."""
    downloads = project / "docs/downloads"
    downloads.mkdir()
    (downloads / "terms.pdf").write_bytes(pdf(f"Payment terms {CLEAN_PDF}."))
    (downloads / "plan.docx").write_bytes(docx(f"Joint plan {CLEAN_DOCX}"))
    (downloads / "nightjar.pdf").write_bytes(pdf("The Nightjar Deal, as announced."))
    (project / never_publish.FILE).write_text(
        "terms:\n  - Nightjar Deal\nexceptions:\n  - term: nightjar deal\n    file: docs/downloads/nightjar.pdf\n"
        "    reason: The partner announced the deal themselves, in this very press release.\n", encoding="utf-8")
    append_to(project / "docs/principles/trust.md", "Read the [terms](../downloads/terms.pdf), the "
              "[plan](../downloads/plan.docx) and the [press release](../downloads/nightjar.pdf).\n")
    plan = project / "data/checklists/joint-planning.yml"  # no internal item: a safe old id is kept
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "      - id: their-interests\n", f"      - id: their-interests\n        replaces: [{OLD_ID_KEPT}, "
        f"{OLD_ID_INTERNAL}]\n", 1), encoding="utf-8")
    health = project / "data/checklists/health-check.yml"  # has internal items: no old id reaches partners
    health.write_text(health.read_text(encoding="utf-8").replace(
        "      - id: gathered\n", f"      - id: gathered\n        replaces: {OLD_ID_MIXED}\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def green(tmp_path_factory: pytest.TempPathFactory) -> PartnerBuild:
    build = plant_and_build_partner(tmp_path_factory.mktemp("leaks") / "project",
                                    tmp_path_factory.mktemp("leaks-out"), plant_green)
    for config in ("mkdocs-public.yml", "mkdocs.yml"):
        assert build.results[config].returncode == 0, build.log(config)
    return build


def test_clean_attachments_and_an_allowed_one_still_ship(green: PartnerBuild) -> None:
    for name in ("terms.pdf", "plan.docx", "nightjar.pdf"):
        assert (green.public / "downloads" / name).is_file(), name
    assert CLEAN_PDF in (text_of("terms.pdf", (green.public / "downloads/terms.pdf").read_bytes()) or "")


def test_old_ids_that_could_name_an_internal_item_stay_out_of_the_partner_edition(green: PartnerBuild) -> None:
    public, internal = output_texts(green.public), output_texts(green.internal)
    assert any(OLD_ID_KEPT in text for text in public.values())  # replaces still works for partners
    for old in (OLD_ID_INTERNAL, OLD_ID_MIXED):
        assert any(old in text for text in internal.values()), old  # colleagues keep every old id
        assert [name for name, text in public.items() if old in text] == [], old
    assert OLD_ID_KEPT in public["reference/checklists/joint-planning/index.html"]


def plant_stops(project: Path) -> None:
    """Attachments holding phrases, files the check cannot read, a phrase in a script and on a public page."""
    downloads = project / "docs/downloads"
    downloads.mkdir()
    files = {"floor.pdf": pdf("Floor price, internal only."), "notes.pdf": pdf("Clean.", annotation="do not share"),
             "plan.docx": docx("Margins: internal only"), "prices.xlsx": xlsx("internal only"),
             "deck.pptx": pptx_notes("do not share"), "letter.odt": odt("internal only"),
             "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "internal only".encode("utf-16-le"),
             "all.zip": zipped({"a.txt": "x"}), "locked.pdf": encrypted_pdf(), "attached.pdf": NOT_A_FILE_PDF,
             "pasted.docx": PASTED_OLE_DOCX}
    for name, data in files.items():
        (downloads / name).write_bytes(data)
    append_to(project / "docs/principles/trust.md", "".join(f"[{n}](../downloads/{n}) " for n in files) + "\n")
    script = project / "overrides/assets/javascripts/playbook.js"
    script.write_text(script.read_text(encoding="utf-8") + '\nwindow.pbNote = "Not for partners";\n',
                      encoding="utf-8")
    append_to(project / "docs/principles/win-win.md", "This figure is internal only.\n")


def test_phrases_in_attachments_and_unreadable_files_stop_the_partner_build(tmp_path: Path) -> None:
    build = plant_and_build_partner(tmp_path / "project", tmp_path / "out", plant_stops, internal=False)
    log = build.log()
    assert build.results["mkdocs-public.yml"].returncode != 0 and "Traceback" not in log, log
    for name, term in (("floor.pdf", "internal only"), ("notes.pdf", "do not share"), ("plan.docx", "internal only"),
                       ("prices.xlsx", "internal only"), ("deck.pptx", "do not share"),
                       ("letter.odt", "internal only")):
        assert f"  - docs/downloads/{name}: expected no never-publish phrase (data/never-publish.yml) in what " \
               f"partners receive, found '{term}' in site-public/downloads/{name}: " in log, name
    for name, found in (("old.doc", "a file in an old Office format"), ("all.zip", "an archive"),
                        ("locked.pdf", "a password-protected PDF"), ("attached.pdf", "a damaged PDF"),
                        ("pasted.docx", "an object pasted into it (a spreadsheet or another document) that the check "
                                        "cannot read (copied to site-public/downloads/pasted.docx): paste the object "
                                        "as a picture instead, or export the document as PDF")):
        assert (f"  - docs/downloads/{name}: expected a file partners receive to be one the never-publish check "
                f"can read (a PDF; Word, Excel or PowerPoint saved as .docx, .xlsx or .pptx; an OpenDocument file; "
                f"text saved as UTF-8; or an image), found {found}") in log, name
    howto = (build.project / "docs/how-to/publish-partner-edition.md").read_text(encoding="utf-8")
    quoted = next(line for line in log.splitlines() if "docs/downloads/old.doc: " in line).removeprefix("  - ")
    assert quoted in howto  # the how-to shows the real message
    script = build.project / "overrides/assets/javascripts/playbook.js"
    line = script.read_text(encoding="utf-8").splitlines().index('window.pbNote = "Not for partners";') + 1
    assert (f"  - overrides/assets/javascripts/playbook.js:{line}: expected no never-publish phrase "
            "(data/never-publish.yml) in what partners receive, found 'not for partners' in "
            "site-public/assets/javascripts/playbook.js") in log
    # Only what reaches partners is named: not the internal how-to quoting the defaults, not the internal step.
    page_line = (build.project / "docs/principles/win-win.md").read_text().splitlines().index(
        "This figure is internal only.") + 1
    assert (f"  - docs/principles/win-win.md:{page_line}: expected no never-publish phrase (data/never-publish.yml) "
            "in what partners receive, found 'internal only' in site-public/principles/win-win/index.html") in log
    assert "publish-partner-edition.md" not in log and "data/onboarding/partner.yml" not in log


def test_a_guidance_link_to_a_commented_out_heading_stops_both_editions(tmp_path: Path) -> None:
    def plant(p: Path) -> None:
        append_to(p / "docs/principles/trust.md", "<!--\n## Walk-away price {#walk-away}\n-->\n")
        append_to(p / "data/checklists/health-check.yml",
                  "  - id: planted\n    title: Planted\n    items:\n      - id: walk-away\n"
                  "        text: We agreed a walk-away price.\n        guidance: principles/trust.md#walk-away\n")
    build = plant_and_build_partner(tmp_path / "project", tmp_path / "out", plant)
    line = (build.project / "data/checklists/health-check.yml").read_text().splitlines().index(
        "        guidance: principles/trust.md#walk-away") + 1
    for config in ("mkdocs.yml", "mkdocs-public.yml"):
        assert build.results[config].returncode != 0, config
        assert (f"data/checklists/health-check.yml:{line}: checklist 'health-check', item 'walk-away', field "
                "'guidance': expected a heading id that exists on principles/trust.md, found '#walk-away', which is "
                "not a heading there") in build.log(config)


# -- Jinja statements that pull another file of docs/ into a public page ----------------------------------------
PULLING_PAGE = """---
audience: public
render_macros: true
---

# Shared

{% include "snippets/floor.md" %}

{% if not partner_edition %}
{% include "snippets/floor.md" %}
{% endif %}

{% import "snippets/macros.md" as m %}
{% from "snippets/macros.md" import price %}
{% include page_name %}
"""


def test_a_public_page_may_not_pull_in_another_file(tmp_path: Path) -> None:
    """An include brings in a file nobody chose for partners (an internal page, a snippet): even inside
    `{% if not partner_edition %}`, every one stops the partner build, named by the line it is written on."""
    import jinja2
    from macros.content.anchors import scan_docs
    from macros.content.macro_calls import pulled_in
    docs_dir = tmp_path / "docs"
    (docs_dir / "snippets").mkdir(parents=True)
    (docs_dir / "shared.md").write_text(PULLING_PAGE, encoding="utf-8")
    (docs_dir / "internal.md").write_text(PULLING_PAGE.replace("audience: public", "audience: internal"))
    (docs_dir / "plain.md").write_text("---\naudience: public\n---\n\n# Plain\n\nWrite {% include \"x.md\" %}.\n")
    (docs_dir / "snippets" / "floor.md").write_text("Our floor price is 8%.\n")
    docs = scan_docs(docs_dir)
    problems = pulled_in(docs, jinja2.Environment(), {"shared.md", "plain.md"})
    lines = PULLING_PAGE.splitlines()
    assert [(p.file, p.line) for p in problems] == [("docs/shared.md", number) for number, line in
                                                    enumerate(lines, 1) if line.startswith(("{% inc", "{% imp", "{% from"))]
    first = lines.index('{% include "snippets/floor.md" %}') + 1
    assert str(problems[0]) == (
        f"docs/shared.md:{first}: expected only the page's own text "
        "on a page partners get (a file that {% include %}, {% import %} or {% extends %} pulls in has no 'audience: "
        "public' of its own), found {% include \"snippets/floor.md\" %}: nothing was published (copy into this page "
        "the passage partners may read; one for colleagues goes in an '!!! internal' passage)")
    assert "found {% include %}: " in str(problems[-1])  # a name Jinja works out as it renders


# -- Passages titled internal that the scan before Markdown cannot see --------------------------------------------
MARKDOWN = dict(extensions=["admonition", "md_in_html", "pymdownx.details", "pymdownx.tabbed"],
                extension_configs={"pymdownx.tabbed": {"alternate_style": True}})


@pytest.mark.parametrize(("text", "found"), [
    ('> !!! note "Internal notes"\n>     Our floor price.\n', 'Internal notes'),
    ('- !!! warning "For internal eyes"\n\n        Our floor price.\n', 'For internal eyes'),
    ('> ??? "INTERNAL"\n>     Our floor price.\n', 'INTERNAL'),
    ('> === "Partners"\n>     Shared.\n>\n> === "Internal"\n>     Our floor price.\n', 'Internal'),
    ('<details markdown>\n<summary>Internal <em>notes</em></summary>\nOur floor price.\n</details>\n',
     'Internal notes'),
])
def test_a_passage_titled_internal_that_reaches_markdown_is_found(text: str, found: str) -> None:
    """Quoted, on a bullet's line or written as HTML, the passage is rendered; its title still says internal."""
    import markdown
    from macros.build.edition import titled_internal
    from macros.content.blocks import strip_internal
    html_text = markdown.markdown(strip_internal(text), **MARKDOWN)
    assert "Our floor price." in html_text  # the scan before Markdown did not see it
    assert titled_internal(html_text) == found


@pytest.mark.parametrize("text", [
    '!!! note "How we review"\n    Shared.\n', '> ??? tip "Internals of a review"\n>     Shared.\n',
    '=== "Partners"\n    Shared.\n', 'Our internal review happens **every quarter**.\n',
    '<details><summary>More</summary>The internal edition is longer.</details>\n'])
def test_other_titles_and_the_word_in_text_pass(text: str) -> None:
    import markdown
    from macros.build.edition import titled_internal
    assert titled_internal(markdown.markdown(text, **MARKDOWN)) is None


# -- Raw HTML a browser does not show: the author never sees it, partners' copies hold it ------------------------
@pytest.mark.parametrize(("text", "found"), [
    ("Our terms <span hidden>floor 8%</span> are fair.", "<span hidden>"),
    ('<div style="display: none" markdown>\nOur floor price.\n</div>', '<div style="display: none">'),
    ("<p style='color: grey;visibility:hidden'>Our floor price.</p>", "<p style='color: grey;visibility:hidden'>"),
    ("<template><p>Our floor price.</p></template>", "<template>"),
    ('<input type="hidden" name="floor" value="8%">', '<input type="hidden" name="floor" value="8%">'),
])
def test_text_hidden_with_html_is_found(text: str, found: str) -> None:
    import markdown
    from macros.build.edition import hidden_html
    assert hidden_html(markdown.markdown(text, **MARKDOWN)) == found


@pytest.mark.parametrize("text", ["Nothing is hidden, none of it.", '<p class="hidden-gem" data-hidden="x">Gem</p>',
                                  '=== "A"\n    One.\n\n=== "B"\n    Two.\n', '<img alt="none" src="a.png">'])
def test_ordinary_html_is_not_hidden(text: str) -> None:
    import markdown
    from macros.build.edition import hidden_html
    assert hidden_html(markdown.markdown(text, **MARKDOWN)) is None


# -- 7. A heading that says internal on a public page hides nothing -------------------------------------------------
SAYS_INTERNAL_PAGE = """# Pricing

## Internal notes

Our floor price.

### Confidential: pricing {#pricing}

## **Do not share** outside the team

#### not for partners

## For internal use: margins

## PRIVATE

```markdown
## Internal notes in an example
```

<!--
## Internal draft
-->

Text <!-- a note --> and more.

!!! internal "Margins"
    Our margins.

## Internal in a passage's place

??? internal
    ## Internal inside the passage

## The internal edition behind the company's sign-in

## Internals of a review

## Privacy and data

## Why we share nothing confidential
"""


def test_a_heading_that_starts_with_internal_words_is_named_with_its_line() -> None:
    from macros.content.partner_view import headings_saying_internal
    lines = SAYS_INTERNAL_PAGE.splitlines()
    found = headings_saying_internal(SAYS_INTERNAL_PAGE, "docs/x.md", first_line=5)
    flagged = ["## Internal notes", "### Confidential: pricing {#pricing}", "## **Do not share** outside the team",
               "#### not for partners", "## For internal use: margins", "## PRIVATE", "## Internal in a passage's place"]
    assert [(p.line, p.found.split("':")[0]) for p in found] == [(lines.index(h) + 5, f"'{h}") for h in flagged]
    assert str(found[0]) == (
        "docs/x.md:7: expected a heading partners may read (a heading that says internal hides nothing), found "
        "'## Internal notes': put the passage in an `!!! internal \"Internal notes\"` block, or reword the heading")
    assert "`!!! internal \"Confidential: pricing\"`" in str(found[1])  # its words, without the id


def test_headings_in_jinja_blocks_count_only_on_pages_jinja_renders() -> None:
    from macros.content.partner_view import headings_saying_internal
    body = "# Page\n\n{% if not partner_edition %}\n## Internal notes\n{% endif %}\n"
    assert headings_saying_internal(body, "docs/x.md", jinja=True) == []
    assert [p.line for p in headings_saying_internal(body, "docs/x.md", jinja=False)] == [4]


def test_every_real_page_passes() -> None:
    """Headings like "The internal edition behind the company's sign-in" (how-to/host-the-playbook.md) say it
    further on: only a heading's first words count."""
    from macros.content.anchors import scan_docs
    from macros.content.partner_view import headings_saying_internal
    docs = scan_docs(ROOT / "docs")
    assert "The internal edition behind the company's sign-in" in docs.anchors["how-to/host-the-playbook.md"].values()
    assert [str(p) for page, body in docs.bodies.items()
            for p in headings_saying_internal(body, page, docs.body_lines[page])] == []


@pytest.mark.parametrize("text", [
    "a\n<!-- one -->\nb\n", "a <!-- x\ny\nz --> b\nc\n", "<!--\nx\n-->## H\nd\n", "`<!--` a\n<!-- b\n-->\nc",
    "```\n<!--\n```\n<!-- c -->\nd\n", "x <!-- a --> y <!-- b\nc --> z\nw\n",
])
def test_comments_taken_out_with_every_line_kept_in_its_place(text: str) -> None:
    kept = strip_comments(text, keep_lines=True)
    assert kept.count("\n") == text.count("\n")
    assert [line for line in kept.splitlines() if line.strip()] == \
        [line for line in strip_comments(text).splitlines() if line.strip()]


def test_internal_passages_taken_out_with_every_line_kept_in_its_place() -> None:
    from macros.content.blocks import strip_internal
    text = "a\n!!! internal\n    secret\n\n    more\nb\n=== \"Internal\"\n    tab\nc\n"
    kept = strip_internal(text, keep_lines=True).splitlines()
    assert len(kept) == len(text.splitlines()) and (kept[0], kept[5], kept[8]) == ("a", "b", "c")
    assert "secret" not in "".join(kept) and [k for k in kept if k.strip()] == \
        [k for k in strip_internal(text).splitlines() if k.strip()]


def plant_internal_headings(project: Path) -> None:
    append_to(project / "docs/principles/win-win.md", "## Internal notes\n\nOur floor price.\n\n"
              "```markdown\n## Internal notes in an example\n```\n\n!!! internal \"Margins\"\n"
              "    Our margins.\n\n## Confidential: pricing\n\nShared terms.\n")
    append_to(project / "docs/how-to/host-the-playbook.md", "## Internal notes\n\nAn internal page says what it likes.\n")


def test_a_public_page_with_a_heading_saying_internal_stops_the_partner_build(tmp_path: Path) -> None:
    build = plant_and_build_partner(tmp_path / "project", tmp_path / "out", plant_internal_headings)
    assert build.results["mkdocs.yml"].returncode == 0, build.log("mkdocs.yml")  # the internal edition shows it all
    log = build.log()
    assert build.results["mkdocs-public.yml"].returncode != 0 and "Traceback" not in log, log
    lines = (build.project / "docs/principles/win-win.md").read_text(encoding="utf-8").splitlines()
    for heading, title in (("## Internal notes", "Internal notes"), ("## Confidential: pricing", "Confidential: pricing")):
        assert (f"  - docs/principles/win-win.md:{lines.index(heading) + 1}: expected a heading partners may read (a "
                f"heading that says internal hides nothing), found '{heading}': put the passage in an `!!! internal "
                f"\"{title}\"` block, or reword the heading") in log
    assert "in an example" not in log and "host-the-playbook.md" not in log
    howto = (build.project / "docs/how-to/publish-partner-edition.md").read_text(encoding="utf-8")
    quoted = next(line for line in log.splitlines() if "found '## Internal notes'" in line).removeprefix("  - ")
    assert re.sub(r"\.md:\d+", ".md:N", quoted) in re.sub(r"\.md:\d+", ".md:N", howto)  # the how-to shows it
