"""An author's file as text: UTF-8 with or without a byte-order mark, anything else named in plain words.

Editors on Windows often save a byte-order mark (BOM) at the start of a
UTF-8 file; MkDocs and PyYAML ignore it, so this project does too (otherwise
the `---` of a page's front matter would not be on line 1 and the page would
lose its `audience`). A file saved as UTF-16 or Latin-1 cannot be read at all:
the build names that one file and says how to fix it, instead of a traceback
or errors about the files that point at it.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from macros.content.errors import ChecklistError

_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
HOW = "(in most editors: Save As, then choose the encoding 'UTF-8')"


def save_as_utf8(source: str, found: str) -> ChecklistError:
    return ChecklistError(source, "a file saved as UTF-8", f"{found}: save {source} as UTF-8 {HOW}")


def decode(raw: bytes, source: str) -> tuple[str | None, ChecklistError | None]:
    """(text, None) for UTF-8 (a byte-order mark dropped), or (None, the problem in an author's words)."""
    if raw.startswith(_UTF16) or (len(raw) > 1 and b"\x00" in raw[:200]):
        return None, save_as_utf8(source, "a file saved as UTF-16 (Unicode)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, save_as_utf8(source, f"a file saved in another encoding (probably Latin-1 or Windows-1252; "
                                          f"the first character UTF-8 cannot read is on line {line})")
    return text.replace("\r\n", "\n"), None


def read(path: Path, source: str) -> tuple[str | None, ChecklistError | None]:
    """`decode` of a file, or a problem naming it when it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, ChecklistError(source, "a readable file", error.strerror or str(error))
    return decode(raw, source)
