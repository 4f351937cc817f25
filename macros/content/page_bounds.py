"""A page's Markdown within bounds, checked before Markdown reads it.

Python-Markdown handles nesting by recursion and re-reads nested blocks: a
page of 500 lists inside each other took 18 s and then failed with a
RecursionError, and deeper nesting takes longer still. Real pages nest a
few levels. `problems` reports a page that is too large, or a line nested
deeper than `MAX_COLUMNS` columns of indentation (each `>` of a quote counts
four), outside fenced code, whose indentation Markdown never parses.
"""
from __future__ import annotations

import re

from macros.content.errors import ChecklistError

MAX_CHARS = 2_000_000  # characters in one page (a 1 MB page builds in a few seconds)
MAX_COLUMNS = 80  # 20 levels of lists, quotes or indented blocks (the deepest real page uses 6 columns)

_FENCE = re.compile(r"[ \t>]*(`{3,}|~{3,})")
_LEAD = re.compile(r"[ \t>]*")


def _depth(line: str) -> int:
    """Columns of nesting at the start of `line`: spaces, tabs as four, and four per quote marker."""
    lead = _LEAD.match(line).group(0)  # type: ignore[union-attr]
    return len(lead.replace(">", "").expandtabs(4)) + 4 * lead.count(">")


def fenced_lines(lines: list[str], with_fences: bool = False) -> set[int]:
    """Indexes of lines inside closed code fences (`with_fences`: and the fence lines themselves). A fence never
    closed is not one (Markdown reads on). The one rule for code every scan of a page uses (anchors.py, blocks.py,
    markup.py)."""
    inside: set[int] = set()
    index = 0
    while index < len(lines):
        opened = _FENCE.match(lines[index])
        if opened is None:
            index += 1
            continue
        marker = opened.group(1)
        close = next((j for j in range(index + 1, len(lines))
                      if (m := _FENCE.match(lines[j])) and m.group(1)[0] == marker[0]
                      and len(m.group(1)) >= len(marker) and not lines[j][m.end():].strip()), None)
        if close is None:
            index += 1
            continue
        inside.update(range(index, close + 1) if with_fences else range(index + 1, close))
        index = close + 1
    return inside


def file_problems(size: int, source: str) -> list[ChecklistError]:
    """A page file too large to read at all (UTF-8 takes at least one byte per character)."""
    if size <= 4 * MAX_CHARS:
        return []
    return [ChecklistError(source, f"a page of at most {MAX_CHARS:,} characters (split it into several pages)",
                           f"{size:,} bytes")]


def problems(body: str, source: str, first_line: int = 1) -> list[ChecklistError]:
    """The page's size and nesting problems (at most one of each), with the file line."""
    if len(body) > MAX_CHARS:
        return [ChecklistError(source, f"a page of at most {MAX_CHARS:,} characters (split it into several pages)",
                               f"{len(body):,} characters")]
    lines = body.splitlines()
    fenced = fenced_lines(lines)
    for index, line in enumerate(lines):
        if index in fenced or not line.strip():
            continue
        depth = _depth(line)
        if depth > MAX_COLUMNS:
            return [ChecklistError(source, f"lists, quotes and indented text nested at most {MAX_COLUMNS // 4} "
                                   f"levels deep ({MAX_COLUMNS} columns of indentation, each '>' counting 4)",
                                   f"{depth:,} columns", line=first_line + index)]
    return []
