"""The partner edition's rules for built pages: leftovers after Markdown, links between pages, the pruned
navigation, and guidance labels checked against the pages as partners see them (`unseen_guidance`).

Which blocks are internal is decided in macros/content/blocks.py; after
Markdown, `leftover_internal` is the last check: any element still carrying
an `internal` class in the partner edition stops the build.
"""
from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from typing import Any

from macros.content.anchors import DocsIndex
from macros.content.errors import ChecklistError
from macros.content.model import Catalog
from macros.content.onboarding import Path_

EDITION_SUMMARY = "Partner edition: "  # starts the INFO lines `make public` shows: page count, nav links left out
# An inline link, an HTML link, or a reference-style link's definition (`[ref]: page.md`, used as `[text][ref]`).
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)|\bhref=[\"']([^\"']+)[\"']"
                  r"|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
LEFTOVER = re.compile(r"""<[a-zA-Z][^>]*\bclass=["'][^"']*\binternal\b""", re.IGNORECASE)


# The title of an admonition, a collapsible block (Markdown's or HTML's <details>) or a content tab, as rendered.
TITLE = re.compile(r'<summary\b[^>]*>(.*?)</summary>|<p class="admonition-title"[^>]*>(.*?)</p>'
                   r'|<label for="__tabbed_[^"]*"[^>]*>(.*?)</label>', re.DOTALL | re.IGNORECASE)
SAYS_INTERNAL = re.compile(r"\binternal\b", re.IGNORECASE)


def leftover_internal(html: str) -> str | None:
    """The first element of rendered HTML that still carries an `internal` class, if any."""
    match = LEFTOVER.search(html)
    return None if match is None else html[match.start(): html.find(">", match.start()) + 1]


# Raw HTML a browser does not show: still in the page's source, its search entry, the print page and the zip.
HIDDEN = re.compile(r"""<([a-zA-Z][\w-]*)(?=[^>]*?(?:\shidden(?=[\s=/>])|\sstyle\s*=\s*["'][^"']*?"""
                    r"""(?:display\s*:\s*none|visibility\s*:\s*hidden)|\stype\s*=\s*["']?hidden\b))[^>]*>|<template\b[^>]*>""",
                    re.IGNORECASE)


def hidden_html(html_text: str) -> str | None:
    """The first element of a page's rendered Markdown that raw HTML hides from view (`hidden`, `display: none`,
    `visibility: hidden`, `<template>`), if any. Our own hidden elements are added after this check (hooks.py)."""
    if "hidden" not in html_text and "none" not in html_text and "<template" not in html_text.lower():
        return None  # most pages
    match = HIDDEN.search(html_text)
    return None if match is None else match.group(0)


def titled_internal(html_text: str) -> str | None:
    """The title of the first passage of rendered HTML whose title says internal, if any.

    Such a passage is internal (macros/content/blocks.py) and left out before Markdown, when it is written where
    that scan finds it: `!!! internal` or a title saying internal at the start of a line. One written after a
    quote's `>` or a list's bullet, or as HTML `<details>`, reaches Markdown and is rendered; this finds it.
    """
    if "internal" not in html_text.lower():
        return None  # most pages
    for match in TITLE.finditer(html_text):
        words = _words(match.group(1) or match.group(2) or match.group(3) or "")
        if SAYS_INTERNAL.search(words):
            return words
    return None


def linked_pages(markdown: str, page: str) -> set[str]:
    """Docs-relative .md pages that `page` links to."""
    found = set()
    base = posixpath.dirname(page)
    for match in LINK.finditer(markdown):
        target = (match.group(1) or match.group(2) or match.group(3) or "").split("#")[0]
        if not target.endswith(".md") or "://" in target:
            continue
        found.add(posixpath.normpath(posixpath.join(base, target)).lstrip("./"))
    return found


def prune_nav(nav: Any, internal: set[str], left_out: list[str] | None = None) -> Any:
    """The `nav:` config with only the pages partners get, without sections they leave empty.

    Internal pages go, and so does every entry that is no page: a link to another site or to a file
    (`Sales CRM: https://crm.example.com/`, `Price list: files/prices.pdf`) cannot say `audience: public`, so
    the partner edition never chooses it. Each link left out is added to `left_out` as "'title' (target)".
    """
    if isinstance(nav, list):
        kept = [_prune_entry(None, entry, internal, left_out) for entry in nav]
        return [entry for entry in kept if entry not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {title: _prune_entry(title, value, internal, left_out) for title, value in nav.items()}
        return {title: value for title, value in kept.items() if value not in (None, [], {})} or None
    if isinstance(nav, str) and (nav in internal or not nav.endswith(".md")):
        return None
    return nav


def _prune_entry(title: object, entry: Any, internal: set[str], left_out: list[str] | None) -> Any:
    if isinstance(entry, str) and not entry.endswith(".md") and left_out is not None:
        left_out.append(f"'{entry}'" if title is None else f"'{title}' ({entry})")
    return prune_nav(entry, internal, left_out)


HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def _words(html_text: str) -> str:
    return " ".join(html.unescape(TAG.sub("", HEADERLINK.sub("", html_text))).split())


def rendered_text(content: str, anchor: str) -> str | None:
    """The words of the element with id `anchor` in a rendered page, or None when the page has no such id."""
    match = re.search(rf'<(h[1-6]|[a-z]+)\b[^>]*\bid="{re.escape(anchor)}"[^>]*>(.*?)</\1>', content, re.DOTALL)
    if match is None:
        return None if f'id="{anchor}"' not in content else ""
    return _words(match.group(2))


def unseen_guidance(catalog: Catalog, docs: DocsIndex, rendered: dict[str, str]) -> list[ChecklistError]:
    """After Markdown, the partner edition's guidance labels against the public pages as partners see them.

    Each public item's label is made from the docs index (the page's title, the
    heading's words); both must be on the target page as rendered for partners,
    so that no words of a passage they do not get reach them through a label.
    `rendered` is {page: HTML} for the public pages.
    """
    errors = []
    for checklist in catalog:
        for item in checklist.items:
            page, anchor = item.guidance_page, item.guidance_anchor
            content = rendered.get(page)
            if content is None:
                continue  # not a public page: internal_guidance (macros/content/audience.py) reports it
            words = " ".join((docs.anchors.get(page, {}).get(anchor) or "").split())
            title = " ".join(str(docs.titles.get(page, "")).split())
            h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", content, re.DOTALL)
            found = rendered_text(content, anchor)
            if found is None:
                problem = "a heading the partner edition does not have"
            elif words and found != words:
                problem = f"a heading that partners read as '{found}', not '{words}'"
            elif "title" not in docs.meta.get(page, {}) and h1 is not None and _words(h1.group(1)) != title:
                problem = f"a page whose title partners read as '{_words(h1.group(1))}', not '{title}'"
            else:
                continue
            errors.append(ChecklistError(
                checklist.source, "guidance on a heading partners can see, in the same words as its label",
                f"'{item.guidance}', {problem}: nothing was published (point the item at a heading outside "
                "internal passages and {% if %} blocks, or mark the item 'audience: internal')",
                line=item.guidance_line, checklist=checklist.id, item=item.id, field="guidance"))
    return errors


def unseen_steps(paths: Iterable[Path_], rendered: dict[str, str]) -> list[ChecklistError]:
    """After Markdown, the partner edition's onboarding steps link only to headings partners have."""
    errors = []
    for path in paths:
        for step in path.steps:
            page, _, anchor = step.page.partition("#")
            content = rendered.get(page)
            if anchor and content is not None and rendered_text(content, anchor) is None:
                errors.append(ChecklistError(
                    path.source, "a step's page and heading as partners see them",
                    f"'{step.page}', a heading the partner edition does not have (it is inside an internal passage "
                    "or an {% if %} block): nothing was published (point the step at a heading outside it, or mark "
                    "the step 'audience: internal')", checklist=path.id, item=step.id, field="page",
                    nouns=("programme", "step")))
    return errors
