"""Which pages exist in docs/ and which heading ids each one has.

Ids are computed as MkDocs' `toc` extension computes them: an explicit
`{#id}` (attr_list) wins, otherwise the heading text is slugified and a
repeated id gets `_1`, `_2`. Raw HTML `id="..."` attributes count too.
Fenced code blocks and HTML comments are skipped (the rule every scan shares). This is a fast text scan: the guidance
tests check the same ids against the built site.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.toc import slugify

from macros.content import front_matter, page_bounds, source_text
from macros.content.audience import page_audience
from macros.content.blocks import block_problems
from macros.content.errors import ChecklistError
from macros.content.markup import comment_problems, stray_front_matter, visible
from macros.content.page_bounds import fenced_lines

HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
ATTR_ID = re.compile(r"\{[^}]*#([A-Za-z][\w:.-]*)[^}]*\}\s*$")
ATTR_BLOCK = re.compile(r"\s*\{[^}]*\}\s*$")
HTML_ID = re.compile(r"""<[a-zA-Z][^>]*\sid=["']([^"']+)["']""")
INLINE_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)|<[^>]+>")


@dataclass
class DocsIndex:
    anchors: dict[str, dict[str, str]] = field(default_factory=dict)  # page -> {id: heading text}
    titles: dict[str, str] = field(default_factory=dict)
    meta: dict[str, dict[str, object]] = field(default_factory=dict)
    macro_bodies: dict[str, str] = field(default_factory=dict)  # pages with `render_macros: true` -> their Markdown
    bodies: dict[str, str] = field(default_factory=dict)  # every page read in full -> its Markdown, front matter apart
    body_lines: dict[str, int] = field(default_factory=dict)  # page -> the file line its body starts on
    problems: list[ChecklistError] = field(default_factory=list)  # front matter an author got wrong
    unreadable: list[ChecklistError] = field(default_factory=list)  # pages not saved as UTF-8
    stray_calls: dict[str, str] = field(default_factory=dict)  # pages without render_macros that contain "{{"

    def audience(self, page: str) -> str:
        """'public' or 'internal': the page's edition, decided by `audience.page_audience` (pages opt in)."""
        return page_audience(self.meta.get(page))


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """Front matter as MkDocs reads it, and the body (macros/content/front_matter.py checks it)."""
    read = front_matter.read(text, "")
    return read.meta, read.body


def heading_ids(markdown: str) -> dict[str, str]:
    """{id: heading text} for every heading (and raw-HTML id) a reader's page has: outside code fences and
    HTML comments, by the rule every scan of a page shares (`markup.visible`, `page_bounds.fenced_lines`)."""
    return headings(markdown)[0]


def _reader_lines(markdown: str, keep_lines: bool = False) -> Iterator[tuple[int, str]]:
    """(index, line) of each line that may be a heading or carry an id, of the Markdown a reader's page is made from:
    outside HTML comments (`markup.visible`) and code fences (`page_bounds.fenced_lines`), the rule every scan of a
    page shares. `keep_lines`: indexes are the lines of `markdown` itself (comments left as blank lines)."""
    lines = visible(markdown, keep_lines=keep_lines).splitlines()
    code = fenced_lines(lines, with_fences=True) if any("```" in line or "~~~" in line for line in lines) else set()
    for number, line in enumerate(lines):
        if ("#" in line or "id=" in line) and number not in code:  # else no heading and no id: most lines
            yield number, line


def heading_text(text: str) -> str:
    """A heading's words as a reader reads them: without `{#id}` and inline marks (a link keeps its label)."""
    return INLINE_MARKUP.sub(lambda m: m.group(1) or "", ATTR_BLOCK.sub("", text)).strip()


def heading_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(line index in `markdown`, its words) for every heading a reader's page has, found by the rule of
    `headings`."""
    for number, line in _reader_lines(markdown, keep_lines=True):
        heading = HEADING.match(line)
        if heading:
            yield number, heading_text(heading.group(2))


def headings(markdown: str) -> tuple[dict[str, str], str | None]:
    """`heading_ids`, and the text of the page's first level-1 heading (its title, as MkDocs takes it) found by
    the same rule: never one inside a comment or a code block."""
    ids: dict[str, str] = {}
    title: str | None = None
    for _, line in _reader_lines(markdown):
        for match in HTML_ID.finditer(line):
            ids.setdefault(match.group(1), "")
        heading = HEADING.match(line)
        if not heading:
            continue
        text = heading.group(2)
        if title is None and heading.group(1) == "#":
            title = ATTR_BLOCK.sub("", text).strip()
        plain = heading_text(text)
        explicit = ATTR_ID.search(text)
        if explicit:
            ids[explicit.group(1)] = plain
            continue
        slug = slugify(plain, "-")
        candidate, n = slug, 0
        while candidate in ids:
            n += 1
            candidate = f"{slug}_{n}"
        ids[candidate] = plain
    return ids, title


def scan_docs(docs_dir: Path) -> DocsIndex:
    index = DocsIndex()
    if not docs_dir.is_dir():
        return index
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        try:
            too_big = page_bounds.file_problems(path.stat().st_size, f"docs/{page}")
        except OSError:
            too_big = []  # reported below, by the reader
        if too_big:  # never read: the scan would take minutes over it
            index.problems += too_big
            index.anchors[page] = {}
            continue
        text, unreadable = source_text.read(path, f"docs/{page}")
        if text is None:
            index.anchors[page] = {}
            index.unreadable.append(unreadable)  # type: ignore[arg-type]
            continue
        meta, body, body_line, problems = front_matter.read(text, f"docs/{page}")
        index.meta[page] = meta
        index.problems += problems
        too_big = page_bounds.problems(body, f"docs/{page}", body_line)
        if too_big:  # reported, and read no further: Markdown would take minutes over it
            index.problems += too_big
            index.anchors[page] = {}
            continue
        if "---" in body:  # front matter below the top of the page: MkDocs would show it, not read it
            index.problems += stray_front_matter(body, f"docs/{page}", body_line)
        if "<!--" in body:
            index.problems += comment_problems(body, f"docs/{page}", body_line)
        if "!!!" in body or "???" in body or "===" in body:  # blocks and tabs: which are internal, where they end
            index.problems += block_problems(body, f"docs/{page}", body_line)
        index.body_lines[page] = body_line
        index.bodies[page] = body  # what partners see of its headings is worked out from it (build/site.py)
        if meta.get("render_macros") is True:
            index.macro_bodies[page] = body  # kept so that finding macro calls does not read the file again
        elif "{{" in body or "{%" in body:
            index.stray_calls[page] = body  # checked for macro calls that would show as raw text
        index.anchors[page], h1 = headings(body)
        title = meta.get("title")
        index.titles[page] = str(title) if title else (h1 or page)
    return index
