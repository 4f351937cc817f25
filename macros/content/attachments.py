"""The text of any file partners may receive, for the never-publish scan: pages, data, and attachments.

An attachment an author links from a public page (a PDF, a Word, Excel or
PowerPoint file, an OpenDocument file) is copied to the partner edition as it
is, so a never-publish phrase inside it would reach partners unless it is read
like a page. The rule (`text_of`):

- images and fonts hold no text the scan can read: skipped;
- vector pictures (`.emf`, `.wmf`, `.svm`, and `.emz`, `.wmz` packed) keep
  their words as text: read as `strings` would show them (ASCII and UTF-16);
- a `.pdf`: its pages' text, its metadata (properties and XMP), bookmarks,
  comments and form fields (read with pypdf), and the files attached inside
  it (to the document, or pinned to a page as a comment);
- Office Open XML (`.docx`, `.xlsx`, `.pptx`, ...) and OpenDocument (`.odt`,
  `.ods`, `.odp`, ...) and EPUB: every XML part of the zip they are (text,
  comments, tracked changes, headers, notes, properties), in the encoding the
  part says it is in (`xml_text`), documents and pictures embedded in them
  read the same way;
- `.gz`: unpacked, then read by its inner name;
- any other file: text saved as UTF-8.

Anything else (a Word 97-2003 `.doc`, a password-protected PDF, a zip, a
document with macros, a damaged file) raises `Unreadable`: the partner build
stops, naming the file and what to do, since a file that cannot be read
cannot be checked. So does a PDF the check could read only in part: one
pypdf warns about (it guessed or skipped something), one saved over an
earlier version of itself (the earlier text is still inside), one whose
text has no letters the check can tell (fonts without a table of which
letter each shape is). Whatever else goes wrong while reading is
`Unreadable` too, never a crash and never a pass (`text_of`). Reads are bounded: a document of at most `MAX_FILE_BYTES`,
at most `MAX_UNPACKED_BYTES` read from its zip in all (zip bombs), at most
`MAX_PDF_PAGES` pages.
"""
from __future__ import annotations

import codecs
import io
import logging
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".ico")  # (SVG is text)
# Vector pictures Office and LibreOffice save (charts, SmartArt, shapes, pasted objects): their words are text.
METAFILES = (".emf", ".wmf", ".svm")
PACKED_METAFILES = (".emz", ".wmz")  # the same, gzipped
FONTS = (".woff", ".woff2", ".ttf", ".otf", ".eot", ".odttf")
PICTURES_AND_FONTS = IMAGES + FONTS
ZIPPED_DOCUMENTS = (".docx", ".dotx", ".xlsx", ".xltx", ".pptx", ".potx", ".ppsx",
                    ".odt", ".ott", ".ods", ".ots", ".odp", ".otp", ".odg", ".odf", ".epub")
# Parts of a zipped document read as text (XML, relationships, XHTML, the mimetype line).
TEXT_PARTS = (".xml", ".rels", ".xhtml", ".html", ".htm", ".opf", ".ncx", ".txt", ".rdf", ".css")
# Binary parts of zipped documents that hold only a picture of the document: pictures, like images.
PREVIEW_FOLDERS = ("Thumbnails/",)
# OpenDocument's picture of each object pasted into it (a metafile, without a name ending): read like one.
OBJECT_PICTURES = "ObjectReplacements/"
# Parts of Office Open XML and OpenDocument files that are an object pasted into the document.
PASTED_OBJECT = re.compile(r"(?:^|/)embeddings/|^Object \d+/|\.bin$", re.IGNORECASE)
# Printer settings Excel and Word save (a printer's name and paper size): read as strings.
PRINTER_SETTINGS = re.compile(r"(?:^|/)printerSettings\d*\.bin$", re.IGNORECASE)
MAX_FILE_BYTES = 50_000_000  # one attachment (a 300-page report with pictures is about 20 MB)
MAX_UNPACKED_BYTES = 32_000_000  # read from one zipped document in all, however it is compressed
MAX_PARTS = 5_000  # files in one zipped document
MAX_PDF_PAGES = 3_000
MAX_DEPTH = 3  # documents inside documents
SAVE_AS = "export it as PDF or save it as .docx, .xlsx or .pptx, or leave it out of the partner edition"
EXPORT_AGAIN = ("export it again as PDF from the original document (or print it to PDF), or leave it out of the "
                "partner edition")
DAMAGED = "a damaged file the check could not read to the end"
_STRINGS = re.compile(rb"[\x20-\x7e]{4,}|(?:[\x20-\x7e]\x00){4,}")
_SHORT_STRINGS = re.compile(rb"[\x20-\x7e]{2,}|(?:[\x20-\x7e]\x00){2,}")  # in pictures, a word may stand alone
_DECLARED = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_EMBEDDED_FILE = re.compile(rb"/Type\s*/EmbeddedFile\b")  # a file attached to a PDF (the one mark in plain text)


class Unreadable(Exception):
    """A file the scan cannot read, so cannot check: `found` says what it is, `fix` what to do."""

    def __init__(self, found: str, fix: str = SAVE_AS) -> None:
        super().__init__(found)
        self.found, self.fix = found, fix


def is_picture_or_font(name: str) -> bool:
    return name.lower().endswith(PICTURES_AND_FONTS)


def text_of(name: str, data: bytes) -> str | None:
    """The text a reader could get from a file called `name`, None for images and fonts; raises Unreadable.

    Nothing else: whatever goes wrong while reading (a damaged file a library trips over, or a mistake here)
    is a file that cannot be checked, so the build stops on it with what to do, not with a traceback.
    """
    try:
        return _Reader().read(name, data, 0)
    except Unreadable:
        raise
    except Exception:  # noqa: BLE001 - any failure: the file is not checked, so it does not ship
        raise Unreadable(DAMAGED, "save or export it again (as PDF, or as .docx, .xlsx or .pptx), or leave it out "
                         "of the partner edition") from None


def xml_text(raw: bytes | bytearray) -> str:
    """An XML (or text) part as its bytes say it is encoded: a byte-order mark, else UTF-16 without one (an XML
    part starts with '<'), else the encoding its XML declaration names, else UTF-8; raises Unreadable otherwise
    (an unknown encoding, bytes that do not decode, NUL bytes in an 8-bit encoding)."""
    raw = bytes(raw)
    wide = {codecs.BOM_UTF32_LE: "utf-32", codecs.BOM_UTF32_BE: "utf-32", codecs.BOM_UTF8: "utf-8-sig",
            codecs.BOM_UTF16_LE: "utf-16", codecs.BOM_UTF16_BE: "utf-16", b"<\x00": "utf-16-le", b"\x00<": "utf-16-be"}
    codec = next((name for mark, name in wide.items() if raw.startswith(mark)), None)
    if codec is None:
        declared = _DECLARED.match(raw)
        codec = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        eight_bit = codecs.lookup(codec).name not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                                     "utf-32-be")
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or raw[:2] in (b"<\x00", b"\x00<"):
            eight_bit = False
        if b"\x00" in raw and eight_bit:
            raise UnicodeError("NUL in 8-bit text")
        if not eight_bit and not raw.startswith(tuple(wide)):
            raise UnicodeError("a 16-bit encoding declared in 8-bit bytes")
        text = raw.decode(codec)
    except (LookupError, UnicodeError):
        raise Unreadable("a document with text saved in a text encoding the check cannot read") from None
    if "\x00" in text:
        raise Unreadable("a document with text saved in a text encoding the check cannot read")
    return text


class _Reader:
    """One file's reading, with one budget of unpacked bytes for everything inside it."""

    def __init__(self) -> None:
        self.unpacked = 0

    def read(self, name: str, data: bytes | bytearray, depth: int) -> str | None:
        lower = name.lower()
        if lower.endswith(PICTURES_AND_FONTS):
            return None
        if depth > MAX_DEPTH:
            raise Unreadable(f"documents inside documents more than {MAX_DEPTH} deep")
        if lower.endswith(METAFILES):
            return strings(data, short=True)
        if lower.endswith(PACKED_METAFILES):
            return strings(self._gunzip(data), short=True)
        if lower.endswith((".gz", ".svgz")):
            inner = name[:-3] if lower.endswith(".gz") else name[:-1]
            return self.read(inner, self._gunzip(data), depth + 1)
        if lower.endswith(".pdf") or data.startswith(b"%PDF-"):
            return self._pdf(data, depth)
        if lower.endswith(ZIPPED_DOCUMENTS):
            return self._zipped(data, depth)
        if lower.endswith((".docm", ".xlsm", ".pptm", ".dotm", ".xlsb", ".xltm", ".potm", ".ppsm")):
            raise Unreadable("an Office file with macros or in binary form",
                             "save it as .docx, .xlsx or .pptx (without macros) or export it as PDF, or leave "
                             "it out of the partner edition")
        if lower.endswith((".doc", ".dot", ".xls", ".xlt", ".ppt", ".pps", ".pot", ".rtf", ".msg")) \
                and not data.lstrip().startswith(b"{\\rtf"):
            raise Unreadable("a file in an old Office format (Word, Excel or PowerPoint 97-2003, or Outlook) "
                             "the check cannot read")
        if lower.endswith((".zip", ".7z", ".rar", ".tar", ".tgz", ".bz2", ".xz")):
            raise Unreadable("an archive, whose files the check does not open",
                             "link the files themselves instead of an archive, or leave it out of the partner "
                             "edition")
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if b"\x00" in data:
            raise Unreadable("a file that is not text, of a type the check cannot read")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise Unreadable("a file that is not text saved as UTF-8, so the check cannot read it",
                             "save it as UTF-8 (or export it as PDF), or leave it out of the partner edition") \
                from None

    def _spend(self, size: int) -> None:
        self.unpacked += size
        if self.unpacked > MAX_UNPACKED_BYTES:
            raise Unreadable(f"more than {MAX_UNPACKED_BYTES // 1_000_000} MB once unpacked, more than the "
                             "check reads", "make the file smaller (split it, or export it as PDF), or leave it "
                             "out of the partner edition")

    def _gunzip(self, data: bytes) -> bytearray:
        import gzip
        out = bytearray()
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
                while chunk := unpacked.read(1 << 20):
                    self._spend(len(chunk))
                    out += chunk
        except (OSError, EOFError):
            raise Unreadable("a damaged .gz file") from None
        return out

    def _size(self, data: bytes | bytearray) -> None:
        if len(data) > MAX_FILE_BYTES:
            raise Unreadable(f"a document of {len(data):,} bytes, more than the {MAX_FILE_BYTES // 1_000_000} MB "
                             "the check reads", "make the file smaller (split it, or make its pictures smaller), "
                             "or leave it out of the partner edition")

    def _zipped(self, data: bytes | bytearray, depth: int) -> str:
        self._size(data)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError):
            raise Unreadable("a damaged document (it is not the zip file its type says)") from None
        with archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if len(infos) > MAX_PARTS:
                raise Unreadable(f"a document of {len(infos):,} parts, more than the {MAX_PARTS:,} the check reads")
            texts = []
            for info in infos:
                if info.flag_bits & 0x1:
                    raise Unreadable("a password-protected document", "save it without a password, or leave it "
                                     "out of the partner edition")
                part = info.filename
                lower = part.lower()
                if lower.endswith(PICTURES_AND_FONTS) or part.startswith(PREVIEW_FOLDERS) \
                        or lower.startswith("thumbnail"):
                    continue
                raw = self._part(archive, info)
                if lower.endswith(TEXT_PARTS) or part == "mimetype":
                    texts.append(xml_text(raw))
                elif PRINTER_SETTINGS.search(part):
                    texts.append(strings(raw))
                elif part.startswith(OBJECT_PICTURES):
                    texts.append(strings(raw, short=True))
                else:
                    try:
                        inner = self.read(part, raw, depth + 1)
                    except Unreadable as problem:
                        raise self._inside(part, problem) from None
                    if inner:
                        texts.append(inner)
            return "\n".join(texts)

    def _inside(self, part: str, problem: Unreadable) -> Unreadable:
        """What is wrong with a document because of a part of it, in an author's words (not the part's name)."""
        if self.unpacked > MAX_UNPACKED_BYTES:
            return problem  # the document as a whole is too big
        if PASTED_OBJECT.search(part):
            return Unreadable("an object pasted into it (a spreadsheet or another document) that the check cannot "
                              "read", "paste the object as a picture instead, or export the document as PDF, or leave "
                              "it out of the partner edition")
        return Unreadable(f"a document with something inside it that the check cannot read ({problem.found})",
                          problem.fix)

    def _part(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytearray:
        """One part's bytes, counted against the budget as they are unpacked (a header's sizes can lie)."""
        out = bytearray()
        try:
            with archive.open(info) as part:
                while chunk := part.read(1 << 20):
                    self._spend(len(chunk))
                    out += chunk
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            raise Unreadable(f"a damaged document (its part {info.filename} cannot be unpacked)") from None
        return out

    def _pdf(self, data: bytes | bytearray, depth: int) -> str:
        self._size(data)
        from pypdf import PdfReader
        with _pypdf_reports() as reported:
            try:
                reader = PdfReader(io.BytesIO(data))
                if reader.is_encrypted and not reader.decrypt(""):
                    raise Unreadable("a password-protected PDF", "export it again without a password, or leave it "
                                     "out of the partner edition")
                if len(reader.pages) > MAX_PDF_PAGES:
                    raise Unreadable(f"a PDF of {len(reader.pages):,} pages, more than the {MAX_PDF_PAGES:,} the "
                                     "check reads", "split it, or leave it out of the partner edition")
                _one_version(data, reader)
                texts = [str(value) for value in (reader.metadata or {}).values()]
                texts += _xmp(reader.root_object)
                texts += _outline_titles(reader.outline)
                pinned: list[Any] = []  # files attached to a page as a comment
                fonts: dict[int, bool] = {}
                for page in reader.pages:
                    text = page.extract_text() or ""
                    self._spend(len(text))
                    _legible(page, text, reader, fonts)
                    texts.append(text)
                    texts += _xmp(page)
                    for annotation in page.get("/Annots") or []:
                        annotation = annotation.get_object()
                        texts += [str(annotation[key]) for key in ("/Contents", "/T", "/RC", "/V", "/TU")
                                  if key in annotation]
                        if annotation.get("/Subtype") == "/FileAttachment" and "/FS" in annotation:
                            pinned.append(annotation["/FS"])
                texts += [str(field.get("/V", "")) for field in (reader.get_fields() or {}).values()]
                attached = self._embedded(data, reader, pinned)
            except Unreadable:
                raise
            except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on a damaged file
                raise Unreadable("a damaged PDF the check cannot read", EXPORT_AGAIN) from None
        if reported:
            raise Unreadable("a PDF the check could not read in full (it is damaged, or made in a way the check's "
                             "PDF reader can only guess at)", EXPORT_AGAIN)
        for file_name, content in attached:
            try:
                inner = self.read(file_name, content, depth + 1)
            except Unreadable as problem:
                if self.unpacked > MAX_UNPACKED_BYTES:
                    raise
                raise Unreadable(f"a PDF with a file attached to it ({file_name}) that is {problem.found}",
                                 f"{problem.fix} (or remove the attached file from the PDF)") from None
            if inner:
                texts.append(inner)
        return "\n".join(texts)

    def _embedded(self, data: bytes | bytearray, reader: Any, pinned: list[Any]) -> list[tuple[str, bytes]]:
        """(name, contents) of every file attached to a PDF: to the document (its names tree) or pinned to a page;
        raises Unreadable when the PDF holds more attached files than those two ways lead to."""
        names = reader.root_object.get("/Names")
        tree = names.get_object().get("/EmbeddedFiles") if names is not None else None
        found: list[tuple[str, bytes]] = []
        seen: set[object] = set()
        for spec in [*_name_tree(tree), *pinned]:
            spec = spec.get_object()
            if not hasattr(spec, "get") or spec.get("/EF") is None:
                continue  # a file named, not attached: nothing of it is inside the PDF
            embedded = spec["/EF"].get_object()
            name = str(spec.get("/UF") or spec.get("/F") or "an attached file")
            for key in list(embedded):
                reference = embedded.raw_get(key)
                identity = getattr(reference, "idnum", None) or id(reference)
                if identity in seen:
                    continue
                seen.add(identity)
                content = reference.get_object().get_data()
                self._spend(len(content))
                found.append((name, content))
        if len(_EMBEDDED_FILE.findall(data)) > len(seen):
            raise Unreadable("a PDF holding attached files the check cannot find (attached some other way, or "
                             "left behind when they were removed)", EXPORT_AGAIN)
        return found


@contextmanager
def _pypdf_reports() -> Iterator[list[str]]:
    """What pypdf says while it reads (a warning means it guessed, skipped or gave up on something), kept out of
    the build's log; the caller refuses the file when there is any."""
    logger = logging.getLogger("pypdf")
    said: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    from pypdf.errors import PdfReadWarning
    handler = Collect(logging.WARNING)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield said
            finally:
                said += [str(w.message) for w in caught if issubclass(w.category, PdfReadWarning)]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _one_version(data: bytes | bytearray, reader: Any) -> None:
    """Refuse a PDF saved over an earlier version of itself (an editor's quick save, a form filled in, a signature
    added): the earlier version's objects, deleted text included, stay in the file for any PDF tool to show. A
    linearized PDF ("fast web view") is written in two parts and is one version."""
    linearized = b"/Linearized" in data[:1024]
    if data.count(b"%%EOF") > (2 if linearized else 1) or ("/Prev" in reader.trailer and not linearized):
        raise Unreadable("a PDF saved over an earlier version of itself (edited and saved again, filled in or "
                         "signed): the earlier text may still be inside it", "save it as a new file (File > Save As) "
                         "or export it again as PDF from the original document, and link that copy; or leave it "
                         "out of the partner edition")


def _xmp(holder: Any) -> list[str]:
    """The XMP metadata of a PDF's catalog or page (title, author, keywords: written by Acrobat, Word, InDesign)."""
    metadata = holder.get("/Metadata")
    return [] if metadata is None else [xml_text(metadata.get_object().get_data())]


def _name_tree(node: Any, depth: int = 0) -> Iterator[Any]:
    """The values of a PDF names tree (its leaves' /Names pairs, through /Kids)."""
    if node is None:
        return
    if depth > 32:
        raise Unreadable("a damaged PDF the check cannot read", EXPORT_AGAIN)  # a tree that loops
    node = node.get_object()
    pairs = node.get("/Names") or []
    yield from (pairs[index] for index in range(1, len(pairs), 2))
    for kid in node.get("/Kids") or []:
        yield from _name_tree(kid, depth + 1)


ILLEGIBLE = Unreadable("a PDF with text the check cannot turn into letters (its fonts do not say which letter each "
                       "shape is; some drawing programs and scanners make such PDFs)", "export it again as PDF from "
                       "the original document with its fonts embedded, or leave it out of the partner edition")


def _legible(page: Any, text: str, reader: Any, fonts: dict[int, bool]) -> None:
    """Refuse a page whose text pypdf cannot turn into letters: a font without a table of which letter each shape
    is (`/ToUnicode`) and with shapes named in no standard way, or glyph numbers only; or text drawn on the page
    of which nothing readable came out."""
    for font in _fonts(page.get("/Resources")):
        key = id(font)
        if key not in fonts:
            fonts[key] = _font_legible(font)
        if not fonts[key]:
            raise ILLEGIBLE
    if not any(character.isalnum() for character in text) and _draws_text(page, page.get("/Resources"), reader):
        raise ILLEGIBLE


def _fonts(resources: Any, depth: int = 0) -> Iterator[Any]:
    """The fonts a page (or a form it draws) can use, its forms' fonts included."""
    resources = resources.get_object() if resources is not None else None
    if not hasattr(resources, "get") or depth > 8:
        return
    fonts = resources.get("/Font")
    for font in (fonts.get_object().values() if fonts is not None else ()):
        yield font.get_object()
    for form in _forms(resources):
        yield from _fonts(form.get("/Resources"), depth + 1)


def _forms(resources: Any) -> Iterator[Any]:
    objects = resources.get("/XObject") if hasattr(resources, "get") else None
    for item in (objects.get_object().values() if objects is not None else ()):
        item = item.get_object()
        if item.get("/Subtype") == "/Form":
            yield item


def _font_legible(font: Any) -> bool:
    if "/ToUnicode" in font:
        return True
    encoding = font.get("/Encoding")
    encoding = encoding.get_object() if encoding is not None else None
    if font.get("/Subtype") == "/Type0":  # glyph numbers: letters only through a named, predefined table
        return isinstance(encoding, str) and encoding not in ("/Identity-H", "/Identity-V")
    from pypdf._codecs import adobe_glyphs
    differences = encoding.get("/Differences") if hasattr(encoding, "get") else None
    return all(not isinstance(name, str) or name in adobe_glyphs or name == "/.notdef"
               or re.fullmatch(r"/(?:uni(?:[0-9A-F]{4})+|u[0-9A-F]{4,6})", name)
               for name in (differences.get_object() if differences is not None else ()))


def _draws_text(page: Any, resources: Any, reader: Any, depth: int = 0) -> bool:
    """Whether a page (or a form it draws) shows any string with a text operator."""
    from pypdf.generic import ContentStream
    contents = page.get_contents() if depth == 0 else ContentStream(page, reader)
    for operands, operator in (contents.operations if contents is not None else ()):
        strings_shown = operands[0] if operator == b"TJ" and operands else operands[-1:]
        if operator in (b"Tj", b"TJ", b"'", b'"') and any(
                isinstance(item, (str, bytes)) and len(item) for item in strings_shown):
            return True
    resources = resources.get_object() if resources is not None else None
    return depth < 8 and any(_draws_text(form, form.get("/Resources"), reader, depth + 1)
                             for form in _forms(resources))


def _outline_titles(outline: object) -> Iterator[str]:
    for entry in outline if isinstance(outline, list) else ():
        if isinstance(entry, list):
            yield from _outline_titles(entry)
        else:
            title = getattr(entry, "title", None)
            if title:
                yield str(title)


def strings(data: bytes | bytearray, *, short: bool = False) -> str:
    """The runs of printable characters in binary data, as `strings` shows them (ASCII and UTF-16LE), of four
    characters or more, or two (`short`: in a picture, a word such as 'do' may be a text of its own)."""
    runs = (_SHORT_STRINGS if short else _STRINGS).finditer(data)
    return "\n".join(match.group(0).replace(b"\x00", b"").decode("ascii") for match in runs)
