"""What a page's Markdown may hide: HTML comments, and front matter that is not at the top.

HTML comments (`<!-- ... -->`) are notes for authors. Markdown passes them
through into the page's source, the search index, the print page and the
zip, where anyone can read them, so the build removes every comment outside
code before Markdown runs (`strip_comments`), in both editions, and a comment
that is never closed stops the build.

A `---` line, `key: value` lines and a closing `---` anywhere but the top of a
page is front matter in the wrong place: MkDocs shows it as text and does
not read it, so an `audience` written there does nothing. It stops the build
(`stray_front_matter`); a lone `---` stays a horizontal rule.

Code is left alone: fenced blocks and inline `code` may show the syntax. What
is code, and what a comment hides, is decided here and in page_bounds.py once
for every scan of a page: the docs index of headings (anchors.py) reads a page
as `visible` returns it, so a heading inside a comment is no heading.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from macros.content.errors import ChecklistError
from macros.content.page_bounds import fenced_lines

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
RULE = re.compile(r"^-{3,}[ \t]*$")
KEY_LINE = re.compile(r"^[a-z_][a-z0-9_]*[ \t]*:(?:[ \t]|$)")
MORE_LINE = re.compile(r"^(?:[ \t]+\S|-[ \t])")  # an indented line or a list entry continuing the block


def _runs(lines: list[str]) -> Iterator[tuple[bool, int, int]]:
    """(is fenced code, first index, end index) for the runs of `lines`; fence lines count as code.

    Code is what `page_bounds.fenced_lines` says it is (closed fences only: Markdown reads on after a fence
    that never closes), the same rule as the docs index (anchors.py) and internal passages (blocks.py).
    """
    code_lines = fenced_lines([line.rstrip("\r\n") for line in lines], with_fences=True) \
        if "```" in "".join(lines) or "~~~" in "".join(lines) else set()
    start, code = 0, False
    for index in range(len(lines)):
        now_code = index in code_lines
        if now_code != code and index > start:
            yield code, start, index
            start = index
        code = now_code
    if start < len(lines):
        yield code, start, len(lines)


def _mask_code(text: str) -> str:
    """`text` with inline code spans replaced by spaces of the same length (so positions still match)."""
    return INLINE_CODE.sub(lambda m: " " * len(m.group(0)), text) if "`" in text else text


def _strip_run(text: str, keep_lines: bool = False) -> str:
    masked = _mask_code(text)
    out, last = [], 0
    owed = 0  # keep_lines: line breaks of comments inside lines, given back where the line they end on ends
    for match in COMMENT.finditer(masked):
        start, end = match.span()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        whole = not text[line_start:start].strip() and not text[end:line_end].strip()
        if whole:
            start, end = line_start, min(line_end + 1, len(text))  # a comment on lines of its own: drop the lines
        out.append(_owing(text[last:start], owed) if owed else text[last:start])
        owed = 0 if owed and "\n" in text[last:start] else owed
        breaks = text.count("\n", start, end) if keep_lines else 0
        if whole and breaks:
            out.append("\n" * breaks)  # blank lines where the comment's lines were
        else:
            owed += breaks
        last = end
    out.append(_owing(text[last:], owed) if owed else text[last:])
    if owed and "\n" not in text[last:]:
        out.append("\n" * owed)
    return "".join(out)


def _owing(chunk: str, breaks: int) -> str:
    """`chunk` with `breaks` line breaks added after its first one (or none, when it has no line break)."""
    first = chunk.find("\n")
    return chunk if first < 0 else chunk[:first + 1] + "\n" * breaks + chunk[first + 1:]


def strip_comments(markdown: str, *, keep_lines: bool = False) -> str:
    """The Markdown without HTML comments outside code (lines holding only a comment are removed).

    `keep_lines`: every line stays on its line number (what a comment took is left as blank lines), for scans
    that name the line of what they find.
    """
    if "<!--" not in markdown:
        return markdown
    lines = markdown.splitlines(keepends=True)
    return "".join("".join(lines[a:b]) if code else _strip_run("".join(lines[a:b]), keep_lines)
                   for code, a, b in _runs(lines))


def visible(markdown: str, *, keep_lines: bool = False) -> str:
    """The Markdown a reader's page is made from: without HTML comments outside code (`strip_comments`)."""
    return strip_comments(markdown, keep_lines=keep_lines)


def comment_problems(markdown: str, source: str, first_line: int = 1) -> list[ChecklistError]:
    """A comment opened outside code and never closed: everything after it would vanish from the page."""
    if "<!--" not in markdown:
        return []
    lines = markdown.splitlines(keepends=True)
    problems = []
    for code, a, b in _runs(lines):
        if code:
            continue
        rest = COMMENT.sub(lambda m: " " * len(m.group(0)), _mask_code("".join(lines[a:b])))
        opened = rest.find("<!--")
        if opened >= 0:
            line = first_line + a + rest.count("\n", 0, opened)
            problems.append(ChecklistError(
                source, "an HTML comment closed with -->",
                "'<!--' that is never closed, which would hide the rest of the page from readers but not "
                "from the page's source (close it with --> or delete it; comments never reach readers)",
                line=line))
    return problems


def stray_front_matter(markdown: str, source: str, first_line: int = 1) -> list[ChecklistError]:
    """A `---` block of `key: value` lines below the top of the page, outside code."""
    lines = markdown.splitlines()
    problems = []
    for code, a, b in _runs(lines):
        if code:
            continue
        index = a
        while index < b:
            if not RULE.match(lines[index]) or index + 1 >= b or not KEY_LINE.match(lines[index + 1]):
                index += 1
                continue
            end = index + 2
            while end < b and (KEY_LINE.match(lines[end]) or MORE_LINE.match(lines[end])):
                end += 1
            if end < b and RULE.match(lines[end]):
                key = lines[index + 1].split(":", 1)[0].strip()
                problems.append(ChecklistError(
                    source, "front matter only at the very top of the page, above everything else (line 1 is ---)",
                    f"a '---' block with '{key}:' on line {first_line + index}, which MkDocs does not read and "
                    "shows as text (move the block to the top of the file, or delete it)", line=first_line + index))
                index = end + 1
            else:
                index += 1
    return problems
