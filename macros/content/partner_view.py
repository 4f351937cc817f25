"""What partners see of a public page's headings: those left once internal passages and Jinja blocks are out.

A heading partners see that starts with words saying it is for colleagues (`## Internal notes`,
`### Confidential: pricing`) hides nothing: `headings_saying_internal` stops the partner build on it.

A guidance label ("Guidance: Trust › Fair price") and its link are made from the
heading an item points at. A heading inside an `!!! internal` passage is not
in the partner edition; one inside a Jinja block (`{% if partner_edition %}`,
`{% if not partner_edition %}`, `{% for %}` ...) may be in one edition only, or
read differently in each. Either way a public item must not point at it, or
the heading's words would reach partners as the label, linking nowhere.
"""
from __future__ import annotations

import re

from macros.content.anchors import heading_ids, heading_lines
from macros.content.blocks import strip_internal
from macros.content.errors import ChecklistError
from macros.content.markup import visible

# Jinja tags that open a block closed by `{% end... %}` (`set` only in its block form, without `=`).
JINJA_TAG = re.compile(r"\{%-?\s*(\w+)([^%]*)-?%\}")
OPENERS = frozenset({"if", "for", "macro", "call", "filter", "block", "with", "raw", "autoescape"})

INTERNAL_PASSAGE = "inside an '!!! internal' passage, which the partner edition leaves out"
JINJA_BLOCK = "inside a Jinja block such as {% if partner_edition %} ... {% endif %}, which may show it to one edition only"


def without_jinja_blocks(markdown: str) -> str:
    """The Markdown with every outermost Jinja block taken out (its line breaks kept)."""
    out: list[str] = []
    depth, start, kept_from = 0, 0, 0
    for match in JINJA_TAG.finditer(markdown):
        name, rest = match.group(1), match.group(2)
        opens = name in OPENERS or (name == "set" and "=" not in rest)
        if opens:
            if depth == 0:
                start = match.start()
            depth += 1
        elif name.startswith("end") and depth:
            depth -= 1
            if depth == 0:
                out.append(markdown[kept_from:start])
                out.append("\n" * markdown.count("\n", start, match.end()))
                kept_from = match.end()
    if depth:  # never closed: Jinja stops the build anyway; hide the rest rather than guess
        out.append(markdown[kept_from:start])
        return "".join(out)
    out.append(markdown[kept_from:])
    return "".join(out)


def hidden_headings(markdown: str, jinja: bool = True) -> dict[str, str]:
    """{heading id: why partners do not see it} for a page's body (front matter already removed).

    `jinja`: whether the page is rendered by Jinja (`render_macros: true`); on other
    pages `{% if %}` is plain text, as in a how-to that shows the syntax.
    """
    jinja = jinja and "{%" in markdown
    if "!!!" not in markdown and "???" not in markdown and not jinja:
        return {}
    every = heading_ids(markdown)
    without_internal = heading_ids(strip_internal(markdown))
    shown = heading_ids(without_jinja_blocks(strip_internal(markdown))) if jinja else without_internal
    hidden = {}
    for anchor, text in every.items():
        if without_internal.get(anchor) != text:
            hidden[anchor] = INTERNAL_PASSAGE
        elif shown.get(anchor) != text:
            hidden[anchor] = JINJA_BLOCK
    return hidden


# Words that start a heading an author believes keeps its passage from partners. Only an internal passage does.
SAYS_INTERNAL = re.compile(r"(?:internal|confidential|private|do\s+not\s+share|not\s+for\s+partners|"
                           r"for\s+internal\s+use)\b", re.IGNORECASE)
MAY_SAY = re.compile(r"^ {0,3}#{1,6}[ \t]+[*_`\[]*" + SAYS_INTERNAL.pattern, re.IGNORECASE | re.MULTILINE)


def headings_saying_internal(markdown: str, source: str, first_line: int = 1,
                             jinja: bool = True) -> list[ChecklistError]:
    """Each heading partners see of a public page's body (front matter apart) that starts with words saying it is
    internal, with its file line (`first_line`: the line the body starts on).

    Headings in code, comments, internal passages and (with `jinja`, on pages Jinja renders) Jinja blocks are not
    read: the partner edition leaves those out, or may. "The internal edition behind the sign-in" passes: only
    the heading's first words count.
    """
    if not MAY_SAY.search(markdown):  # most pages
        return []
    shown = strip_internal(visible(markdown, keep_lines=True), keep_lines=True)
    if jinja and "{%" in shown:
        shown = without_jinja_blocks(shown)
    written = markdown.splitlines()
    problems = []
    for number, words in heading_lines(shown):
        if SAYS_INTERNAL.match(words):
            title = words.replace('"', "'")
            problems.append(ChecklistError(
                source, "a heading partners may read (a heading that says internal hides nothing)",
                f"'{written[number].strip()}': put the passage in an `!!! internal \"{title}\"` block, "
                "or reword the heading", line=first_line + number))
    return problems
