"""The partner edition: which pages and passages it leaves out.

A page is internal when its front matter says `audience: internal`. A passage
inside a public page is internal when it is an admonition of type `internal`:

    !!! internal "Internal note"
        Text for employees only.

(`??? internal` and `???+ internal`, the collapsible forms, work the same.)
"""
from __future__ import annotations

import posixpath
import re
from typing import Any

INTERNAL_BLOCK = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+internal\b.*$")
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)|\bhref=[\"']([^\"']+)[\"']")


def strip_internal(markdown: str) -> str:
    """Remove every `internal` admonition with its indented body."""
    out: list[str] = []
    lines = markdown.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        match = INTERNAL_BLOCK.match(lines[i].rstrip("\n"))
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = len(match.group("indent").expandtabs(4))
        i += 1
        while i < len(lines):
            line = lines[i]
            if line.strip() and len(line) - len(line.lstrip()) <= indent:
                break
            i += 1
    return "".join(out)


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
