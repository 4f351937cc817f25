"""The text of any file partners may receive, for the never-publish scan: pages, data, and attachments.

An attachment an author links from a public page (a PDF, a Word, Excel or
PowerPoint file, an OpenDocument file) is copied to the partner edition as it
is, so a never-publish phrase inside it would reach partners unless it is read
like a page. The rule (`text_of`):

- images and fonts hold no text the scan can read: skipped;
- a `.pdf`: its pages' text, its metadata, bookmarks, comments and form fields
  (read with pypdf), and the files attached inside it;
- Office Open XML (`.docx`, `.xlsx`, `.pptx`, ...) and OpenDocument (`.odt`,
  `.ods`, `.odp`, ...) and EPUB: every XML part of the zip they are (text,
  comments, tracked changes, headers, notes, properties), documents embedded
  in them read the same way;
- `.gz`: unpacked, then read by its inner name;
- any other file: text saved as UTF-8.

Anything else (a Word 97-2003 `.doc`, a password-protected PDF, a zip, a
document with macros, a damaged file) raises `Unreadable`: the partner build
stops, naming the file and what to do, since a file that cannot be read
cannot be checked. Reads are bounded: a document of at most `MAX_FILE_BYTES`,
at most `MAX_UNPACKED_BYTES` read from its zip in all (zip bombs), at most
`MAX_PDF_PAGES` pages.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".ico",
          ".emf", ".wmf", ".svm")  # (SVG is text, and read as such)
FONTS = (".woff", ".woff2", ".ttf", ".otf", ".eot", ".odttf")
PICTURES_AND_FONTS = IMAGES + FONTS
ZIPPED_DOCUMENTS = (".docx", ".dotx", ".xlsx", ".xltx", ".pptx", ".potx", ".ppsx",
                    ".odt", ".ott", ".ods", ".ots", ".odp", ".otp", ".odg", ".odf", ".epub")
# Parts of a zipped document read as text (XML, relationships, XHTML, the mimetype line).
TEXT_PARTS = (".xml", ".rels", ".xhtml", ".html", ".htm", ".opf", ".ncx", ".txt", ".rdf", ".css")
# Binary parts of zipped documents that hold only a picture of the document: pictures, like images.
PREVIEW_FOLDERS = ("ObjectReplacements/", "Thumbnails/")
# Printer settings Excel and Word save (a printer's name and paper size): read as strings.
PRINTER_SETTINGS = re.compile(r"(?:^|/)printerSettings\d*\.bin$", re.IGNORECASE)
MAX_FILE_BYTES = 50_000_000  # one attachment (a 300-page report with pictures is about 20 MB)
MAX_UNPACKED_BYTES = 32_000_000  # read from one zipped document in all, however it is compressed
MAX_PARTS = 5_000  # files in one zipped document
MAX_PDF_PAGES = 3_000
MAX_DEPTH = 3  # documents inside documents
SAVE_AS = "export it as PDF or save it as .docx, .xlsx or .pptx, or leave it out of the partner edition"
_STRINGS = re.compile(rb"[\x20-\x7e]{4,}|(?:[\x20-\x7e]\x00){4,}")


class Unreadable(Exception):
    """A file the scan cannot read, so cannot check: `found` says what it is, `fix` what to do."""

    def __init__(self, found: str, fix: str = SAVE_AS) -> None:
        super().__init__(found)
        self.found, self.fix = found, fix


def is_picture_or_font(name: str) -> bool:
    return name.lower().endswith(PICTURES_AND_FONTS)


def text_of(name: str, data: bytes) -> str | None:
    """The text a reader could get from a file called `name`, None for images and fonts; raises Unreadable."""
    return _Reader().read(name, data, 0)


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
                    texts.append(raw.decode("utf-8", errors="replace"))
                elif PRINTER_SETTINGS.search(part):
                    texts.append(strings(raw))
                else:
                    try:
                        inner = self.read(part, raw, depth + 1)
                    except Unreadable as problem:
                        raise Unreadable(f"a document holding {part}, which is {problem.found}", problem.fix) \
                            from None
                    if inner:
                        texts.append(inner)
            return "\n".join(texts)

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
        import logging

        from pypdf import PdfReader
        quiet = logging.getLogger("pypdf")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # a damaged file is reported once, below
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise Unreadable("a password-protected PDF", "export it again without a password, or leave it out "
                                 "of the partner edition")
            if len(reader.pages) > MAX_PDF_PAGES:
                raise Unreadable(f"a PDF of {len(reader.pages):,} pages, more than the {MAX_PDF_PAGES:,} the "
                                 "check reads", "split it, or leave it out of the partner edition")
            texts = [str(value) for value in (reader.metadata or {}).values()]
            texts += _outline_titles(reader.outline)
            for page in reader.pages:
                text = page.extract_text() or ""
                self._spend(len(text))
                texts.append(text)
                for annotation in page.get("/Annots") or []:
                    annotation = annotation.get_object()
                    texts += [str(annotation[key]) for key in ("/Contents", "/T", "/RC", "/V", "/TU")
                              if key in annotation]
            texts += [str(field.get("/V", "")) for field in (reader.get_fields() or {}).values()]
            attached = reader.attachments
        except Unreadable:
            raise
        except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on a damaged file
            raise Unreadable("a damaged PDF the check cannot read", "export it again as PDF, or leave it out of "
                             "the partner edition") from None
        finally:
            quiet.setLevel(level)
        for file_name, contents in attached.items():
            for content in contents:
                inner = self.read(file_name, content, depth + 1)
                if inner:
                    texts.append(inner)
        return "\n".join(texts)


def _outline_titles(outline: object) -> Iterator[str]:
    for entry in outline if isinstance(outline, list) else ():
        if isinstance(entry, list):
            yield from _outline_titles(entry)
        else:
            title = getattr(entry, "title", None)
            if title:
                yield str(title)


def strings(data: bytes) -> str:
    """The runs of printable characters in binary data, as `strings` shows them (ASCII and UTF-16)."""
    return "\n".join(match.group(0).replace(b"\x00", b"").decode("ascii") for match in _STRINGS.finditer(data))
