"""Links in the texts of checklists and onboarding programmes: `[label](target)`.

A target is another site (`https://`, `http://`, `mailto:`) or a page of docs/ written as a `guidance:` field
is, relative to docs/: `principles/trust.md` or `principles/trust.md#fair-price`. A text is shown wherever its
form is (a checklist can be on several pages, and in print and search), so a path relative to the page the
author had in mind would be right on one page at most: each page link is checked here against the docs index
(`problem`), and made relative to the page it is rendered on by `macros/render/text.py` (`inline`, given the
page's link function, as guidance links are).
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from macros.content.errors import ChecklistError
from macros.content.model import TextLink

if TYPE_CHECKING:  # anchors.py imports audience.py, which imports this module
    from macros.content.anchors import DocsIndex

CODE = re.compile(r"`([^`]+)`")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
EXTERNAL = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
EXAMPLE = "principles/trust.md#the-right-thing"  # a real page and heading, for messages
EXPECTED = ("a link to another site (https://...) or to a page of docs/, written as guidance paths are written, "
            f"relative to docs/, like '{EXAMPLE}'")
SITE = re.compile(r"^(?:www\.|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/|$))", re.IGNORECASE)  # example.org/...


def targets(text: str) -> list[str]:
    """Every link target of an author's text, as `inline` reads them (none inside `code`)."""
    if "](" not in text:  # most texts
        return []
    return [match.group(2) for match in LINK.finditer(CODE.sub("\x00", text))]


def page_targets(text: str) -> list[str]:
    """The targets of `text` that are not another site's address: pages of docs/, or mistakes."""
    return [target for target in targets(text) if not EXTERNAL.match(target)]


def is_page(target: str) -> bool:
    """Whether `target` has the shape of a docs path (`page.md`, `page.md#id`), which can never be a scheme."""
    page = target.partition("#")[0]
    return page.endswith(".md") and ":" not in page and not page.startswith(("/", "./", "../"))


def problem(target: str, docs: DocsIndex) -> tuple[str, str] | None:
    """(expected, found) when a link that is not another site's is not a page of docs/ and a heading on it."""
    page, _, anchor = target.partition("#")
    if is_page(target) and ".." not in page.split("/") and page in docs.anchors:
        if not anchor or anchor in docs.anchors[page]:
            return None
        near = difflib.get_close_matches(anchor, docs.anchors[page], n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
        return f"a heading id that exists on {page}", f"'#{anchor}', which is not a heading there{hint}"
    if not page:
        why = "a heading with no page, but the text is shown on other pages too"
    elif page.startswith("/") or page.startswith("./") or ".." in page.split("/"):
        why = "a path from the page it was written for, but the text is shown on other pages too"
    elif SITE.match(page) and not page.endswith((".md", ".html")):
        why = "which is not a page of docs/ (a link to another site starts with https://)"
    else:
        why = "which is not a page of docs/"
    return EXPECTED, f"'{target}', {why}: write it as guidance paths are written, relative to docs/: " \
                     f"{_suggest(page, anchor, docs)}"


def _suggest(page: str, anchor: str, docs: DocsIndex) -> str:
    """The docs path an author most likely meant, or the example."""
    bare = re.sub(r"^(?:\.{1,2}/|/)+", "", page).rstrip("/")
    stem = bare[:-5] if bare.endswith(".html") else bare[:-3] if bare.endswith(".md") else bare
    found = None
    if not page:  # a heading alone: the page that has it
        found = next((p for p, ids in docs.anchors.items() if anchor in ids), None)
    elif stem:
        tails = [p for p in docs.anchors if p == stem + ".md" or p.endswith("/" + stem + ".md")
                 or p in (stem + "/index.md",)]
        found = tails[0] if len(tails) == 1 else None
        if found is None:
            near = difflib.get_close_matches(stem + ".md", docs.anchors, n=1, cutoff=0.6)
            found = near[0] if near else None
    if found is None:
        return EXAMPLE
    return f"{found}#{anchor}" if anchor else found


NOUNS = {"checklist": ("checklist", "item"), "item": ("checklist", "item"), "section": ("checklist", "section"),
         "band": ("checklist", "band"), "programme": ("programme", "step"), "step": ("programme", "step")}


def link_error(source: str, name: str | None, link: TextLink, expected: str, found: str) -> ChecklistError:
    """A problem with a link in a text, named by its file, line, checklist (or programme), part and field."""
    part_id = link.part_id if link.part not in ("checklist", "programme") else None
    return ChecklistError(source, expected, found, line=link.line, checklist=name, item=part_id, field=link.field,
                          nouns=NOUNS[link.part])


def link_problems(source: str, name: str | None, links: Sequence[TextLink], docs: DocsIndex) -> list[ChecklistError]:
    """A problem for each link to a page that is not a page of docs/ and a heading on it, relative to docs/."""
    return [link_error(source, name, link, *found) for link in links
            if (found := problem(link.target, docs)) is not None]
