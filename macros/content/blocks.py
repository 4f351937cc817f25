"""Admonition, collapsible and content-tab blocks: which ones are internal, and which ones the build cannot classify.

A passage is internal when it is an admonition or collapsible block with
`internal` among its type and classes, in any letter case:

    !!! internal "Internal note"
        Text for employees only.

(`??? internal`, `???+ internal` and `!!! note internal` work the same.)
A block whose title says internal (`!!! warning "Internal only"`) and a
content tab whose label does (`=== "Internal"`), in any letter case, are
internal too: an author who writes the word means the passage is for
colleagues, so the partner edition leaves it out rather than stopping the
build to ask for the same thing in other words; the internal edition shows
it unchanged. A type that looks like a misspelt `internal` (`internl`,
`Intenral`), or a word an author may believe hides a passage (`private`,
`confidential`), stops the build: the partner build never guesses.
"""
from __future__ import annotations

import difflib
import re

from macros.content.errors import ChecklistError
from macros.content.page_bounds import fenced_lines


# Python-Markdown's admonition and pymdownx.details syntax: `!!! type more-classes "Title"`.
BLOCK = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?|===[+!]?)(?P<rest>.*)$")
TAB_HEAD = re.compile(r'^ +"(?P<title>.*)" *$')  # pymdownx.tabbed: === "Label"
SAYS_INTERNAL = re.compile(r"\binternal\b", re.IGNORECASE)
BLOCK_HEAD = re.compile(r'^ ?(?P<classes>[\w\-]+(?: +[\w\-]+)*)(?: +"(?P<title>.*?)")? *$')
# Words an author may take for "keep this from partners"; only `internal` does that.
LOOKALIKES = ("private", "confidential", "secret", "restricted", "staff", "staff-only", "employees",
              "employees-only", "hidden", "not-public", "nonpublic", "non-public")


def _classify(line: str, source: str, number: int) -> tuple[bool, ChecklistError | None]:
    """(is an internal block, problem) for a line that starts with !!! or ???."""
    match = BLOCK.match(line)
    assert match is not None
    if match.group("marker").startswith("==="):
        tab = TAB_HEAD.match(match.group("rest"))
        return bool(SAYS_INTERNAL.search(tab.group("title") if tab else match.group("rest"))), None
    head = BLOCK_HEAD.match(match.group("rest"))
    if head is None:
        if "internal" in match.group("rest").lower():
            return True, None  # not an admonition Markdown would render, but clearly meant internal: leave it out
        return False, ChecklistError(
            source, f'a block like {match.group("marker")} note "Title" (a type, then an optional title in '
            "double quotes)", f"'{line.strip()}', which Markdown shows as plain text and code", line=number)
    classes = head.group("classes").lower().split()
    if "internal" in classes or SAYS_INTERNAL.search(head.group("title") or ""):
        return True, None
    for name in classes:
        near = difflib.get_close_matches(name, ["internal"], n=1, cutoff=0.75)
        if near or name in LOOKALIKES:
            return False, ChecklistError(
                source, "'internal' as the block's type to keep a passage out of the partner edition",
                f"'{name}' in '{line.strip()}'" + (" (did you mean 'internal'?)" if near else
                                                  ", which partners would see (did you mean 'internal'?)"),
                line=number)
    return False, None


def split_internal(markdown: str, source: str = "", first_line: int = 1, *,
                   keep_lines: bool = False) -> tuple[str, list[ChecklistError]]:
    """The Markdown without its internal blocks, and every block whose kind is uncertain.

    Lines inside fenced code are left alone: an example of the syntax is not a block. `keep_lines`: each line of
    an internal block is left as a blank line, so every other line keeps its number.
    """
    out: list[str] = []
    problems: list[ChecklistError] = []
    lines = markdown.splitlines(keepends=True)
    # Code as Markdown reads it: a fence never closed is no code, so blocks after it are still found and stripped.
    code = fenced_lines([line.rstrip("\n") for line in lines])
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\n")
        if i in code or not BLOCK.match(line):
            out.append(lines[i])
            i += 1
            continue
        internal, problem = _classify(line, source, first_line + i)
        if problem is not None:
            problems.append(problem)
        if not internal:
            out.append(lines[i])
            i += 1
            continue
        indent = len(BLOCK.match(line).group("indent").expandtabs(4))  # type: ignore[union-attr]
        start = i
        i += 1
        while i < len(lines):
            body = lines[i]
            if body.strip() and len(body.expandtabs(4)) - len(body.expandtabs(4).lstrip()) <= indent:
                if lines[i - 1].strip() and not OWN_BLOCK.match(body):
                    problems.append(_unindented(body, source, first_line + i))
                break
            i += 1
        if keep_lines:
            out.append("\n" * (i - start))
    return "".join(out), problems


# A line that starts a block of its own right under a passage: a heading, another block, a code fence.
OWN_BLOCK = re.compile(r"^[ \t]*(?:#|!!!|\?\?\?|===|```|~~~)")


def _unindented(line: str, source: str, number: int) -> ChecklistError:
    """Text right under an internal passage, not indented further: Markdown shows it after the passage (a lazy line
    continues a paragraph in a list or a quote, never in a block), so the scan that removes the passage keeps it."""
    return ChecklistError(
        source, "the text of an internal passage indented four spaces further than its '!!!', '???' or '===' line, "
        "and a blank line after the passage", f"'{line.strip()}' right under it and not indented further, which "
        "Markdown shows after the passage, to partners too (indent it to keep it in the passage, or put a blank line "
        "before it if partners may read it)", line=number)


_OPENERS = re.compile(r"^[ \t]*(?:!!!|\?\?\?|===).*$", re.MULTILINE)


def block_problems(markdown: str, source: str, first_line: int = 1) -> list[ChecklistError]:
    """The problems `split_internal` would report, found faster when the page has no fenced code."""
    if "```" in markdown or "~~~" in markdown:
        return split_internal(markdown, source, first_line)[1]
    problems = []
    for match in _OPENERS.finditer(markdown):
        internal, problem = _classify(match.group(0), source, first_line + markdown.count("\n", 0, match.start()))
        if internal:  # where its text ends is worked out line by line
            return split_internal(markdown, source, first_line)[1]
        if problem is not None:
            problems.append(problem)
    return problems


def strip_internal(markdown: str, *, keep_lines: bool = False) -> str:
    """Remove every `internal` block with its indented body (`keep_lines`: leave blank lines in its place)."""
    return split_internal(markdown, keep_lines=keep_lines)[0]


