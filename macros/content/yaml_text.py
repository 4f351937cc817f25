"""What a YAML file says outside its values: comments that try to hide something, and stray non-breaking spaces.

A YAML comment is invisible to the build, so `- id: redlines   # internal -
do not show partners` publishes the item. A comment that says internal,
confidential, private or "do not share" stops the build and names the line
and the field that does hide it (`audience: internal`).

A non-breaking space (often pasted from a word processor or a web page) looks
like a space but is not one to YAML: `title:<nbsp>Trust` is read as one text,
not a key and a value, and an indentation of non-breaking spaces becomes part
of a key. Each one outside quotes is named with its line and column.

A comment after a text on the same line cuts the text short without a word:
`text: We are #1 for them` is read as "We are". A `#` after a space ends an
unquoted text, so a text holding a space, or followed by `#` and a letter or
digit (`#1`, `#partners`), stops the build with the text as it would appear
and the quoted form that keeps it whole. A short note after a one-word value
(`review_every: 90  # days`, `about: person  # ...`) is still allowed.

An HTML comment in a YAML text (`text: Fair prices <!-- not yet -->`) is not
a comment there: the form shows it to every reader as written. It stops the
build too.

Comments are found with the YAML scanner's own tokens, so a `#` inside a
quoted or block text is not taken for one.
"""
from __future__ import annotations

import re

import yaml

from macros.content.errors import ChecklistError

HIDING = re.compile(r"\b(?:internal|confidential|private|do\s+not\s+share|don'?t\s+share|not\s+for\s+partners)\b",
                    re.IGNORECASE)
NBSP = "\u00a0"
AUDIENCE_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?audience[ \t]*:")  # a comment beside the marking itself hides nothing


def _value_spans(text: str, until: int | None = None) -> list[tuple[int, int, bool]]:
    """(start, end, quoted) of every scalar the scanner reads (up to a syntax error, reported elsewhere).

    With `until`, scanning stops at the first token that starts after that index: no later
    scalar can hold a character at or before it.
    """
    spans = []
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if until is not None and token.start_mark.index > until:
                break
            if isinstance(token, yaml.ScalarToken):
                start = token.start_mark.index
                if token.style in ("|", ">"):  # the header line (`>-`, and any comment after it) is not the text
                    start = text.find("\n", start) + 1 or token.end_mark.index
                spans.append((start, token.end_mark.index, token.style in ("'", '"', "|", ">")))
    except yaml.YAMLError:
        pass
    return spans


def _last_possible_comment(text: str) -> int:
    """Where the last `#` that may start a comment is (-1: none): at the start of the text or after any
    whitespace, line breaks included, which is wider than `_comments`' rule, so it never misses one."""
    at = text.rfind("#")
    while at > 0 and not text[at - 1].isspace():
        at = text.rfind("#", 0, at)
    return at


def _comments(text: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, str, str]]:
    """(line number, comment text, whole line) for each comment: a `#` at a line's start or after a space, outside any value."""
    found = []
    offset = 0
    inside = iter(sorted(spans))
    span = next(inside, None)
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        for match in re.finditer(r"(?:^|(?<=[ \t]))#", line):
            at = offset + match.start()
            while span is not None and span[1] <= at:
                span = next(inside, None)
            if span is not None and span[0] <= at < span[1]:
                continue
            found.append((number, line[match.start():].rstrip("\n"), line))
            break
        offset += len(line)
    return found


_TRAILING = re.compile(r"[ \t]+(#[^\n]*)")


def _cut_short(text: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, str, str]]:
    """(line number, text as read, comment) for each unquoted text a comment on its line cuts short."""
    found = []
    for start, end, quoted in spans:
        after = _TRAILING.match(text, end)
        if quoted or after is None:
            continue
        value, comment = text[start:end], after.group(1)
        if any(c.isspace() for c in value) or comment[1:2].isalnum():
            found.append((text.count("\n", 0, end) + 1, value, comment.rstrip()))
    return found


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 3].rstrip() + "..."


def _quoted(value: str, comment: str) -> str:
    whole = _clip(" ".join(f"{value} {comment}".split()), 70)
    return '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'


def problems(text: str, source: str, first_line: int = 1) -> list[ChecklistError]:
    """Comments that say internal, and non-breaking spaces outside quotes, each with its line."""
    if "#" not in text and NBSP not in text and "<!--" not in text:
        return []
    # Values matter only where a comment could start or a non-breaking space stands: scan tokens up to
    # the last such place (a whole file of plain `page.md#anchor` values needs no scan at all).
    last_comment = _last_possible_comment(text)
    last = max(last_comment, text.rfind(NBSP))
    spans = _value_spans(text, until=last) if last >= 0 else []
    found: list[ChecklistError] = []
    if last_comment >= 0:
        for number, comment, line in _comments(text, spans):
            hit = HIDING.search(comment)
            if hit and not AUDIENCE_LINE.match(line):
                found.append(ChecklistError(
                    source, "'audience: internal' on whatever must not reach partners (a comment hides nothing: "
                    "partners see the text beside it)",
                    f"the comment '{comment.strip()}', which says '{hit.group(0)}': write 'audience: internal' "
                    "in that item, section, step, module or file instead, then delete the comment",
                    line=first_line + number - 1))
        for number, value, comment in _cut_short(text, spans):
            shown, rest = _clip(" ".join(value.split())), _clip(comment)
            found.append(ChecklistError(
                source, "a text holding ' #' to be in quotes (after a space, '#' starts a comment, left out of "
                "the text)", f"a text of which readers would see only '{shown}' ('{rest}' is read as a comment): "
                f"write it in quotes, like {_quoted(value, comment)}, or move a note for authors to a line "
                "of its own",
                line=first_line + number - 1))
    if "<!--" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            if "<!--" in line and not line.lstrip().startswith("#"):
                found.append(ChecklistError(
                    source, "notes for authors as YAML comments (# ...)",
                    "an HTML comment '<!--', which a text field shows to every reader as it is: "
                    "delete it, or make it a YAML comment on a line of its own", line=first_line + number - 1))
    if NBSP in text:
        quoted = [(a, b) for a, b, q in spans if q]
        offset = 0
        for number, line in enumerate(text.splitlines(keepends=True), start=1):
            column = line.find(NBSP)
            while column >= 0 and any(a <= offset + column < b for a, b in quoted):
                column = line.find(NBSP, column + 1)
            if column >= 0:
                found.append(ChecklistError(
                    source, "ordinary spaces in YAML",
                    f"a non-breaking space at column {column + 1} (often pasted from a word processor or a web "
                    "page; YAML does not read it as a space): delete it and type an ordinary space",
                    line=first_line + number - 1))
            offset += len(line)
    return found
