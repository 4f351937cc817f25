"""The partner edition's rules for built pages: leftovers after Markdown, links between pages, the pruned navigation.

Which blocks are internal is decided in macros/content/blocks.py; after
Markdown, `leftover_internal` is the last check: any element still carrying
an `internal` class in the partner edition stops the build.
"""
from __future__ import annotations

import posixpath
import re
from typing import Any

EDITION_SUMMARY = "Partner edition: "  # the build's page count, the one INFO line `make public` shows
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)|\bhref=[\"']([^\"']+)[\"']")
LEFTOVER = re.compile(r"""<[a-zA-Z][^>]*\bclass=["'][^"']*\binternal\b""", re.IGNORECASE)


def leftover_internal(html: str) -> str | None:
    """The first element of rendered HTML that still carries an `internal` class, if any."""
    match = LEFTOVER.search(html)
    return None if match is None else html[match.start(): html.find(">", match.start()) + 1]


def linked_pages(markdown: str, page: str) -> set[str]:
    """Docs-relative .md pages that `page` links to."""
    found = set()
    base = posixpath.dirname(page)
    for match in LINK.finditer(markdown):
        target = (match.group(1) or match.group(2) or "").split("#")[0]
        if not target.endswith(".md") or "://" in target:
            continue
        found.add(posixpath.normpath(posixpath.join(base, target)).lstrip("./"))
    return found


def prune_nav(nav: Any, internal: set[str]) -> Any:
    """The `nav:` config without internal pages and without sections they leave empty."""
    if isinstance(nav, list):
        kept = [prune_nav(entry, internal) for entry in nav]
        return [entry for entry in kept if entry not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {title: prune_nav(value, internal) for title, value in nav.items()}
        return {title: value for title, value in kept.items() if value not in (None, [], {})} or None
    if isinstance(nav, str) and nav in internal:
        return None
    return nav
