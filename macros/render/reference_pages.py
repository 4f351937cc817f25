"""Reference lists generated at build time, so that nobody keeps them by hand.

- `checklist_index`: every checklist the edition shows, linked to its page.
- `guidance_index`: every heading id a checklist item may point at, page by
  page, with the items that point at it.

Both are HTML built from what the build has already checked (the pages and
headings of docs/, the checklists and the pages showing them), placed after
Markdown like the checklist forms (macros/build/slots.py): Python-Markdown needs
4.5 s for a 2,660-row table of links, this needs milliseconds. The link test
(tests/test_links.py) checks every link they contain in both editions.
"""
from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from macros.content.anchors import DocsIndex
from macros.content.model import Catalog
from macros.render.text import inline

#: A line per row: the print page's heading-id pass (mkdocs-print-site-plugin) reads HTML line by line,
#: and its expression takes seconds on one 35 KB line (2,000 rows: minutes).
NL = "\n"

Linker = Callable[[str], str]  # docs-relative "page.md#anchor" -> URL from the current page


def nav_pages(config: Any, docs: DocsIndex) -> list[str]:
    """Every page of docs/, in the order of `nav:`, then the pages nav does not list."""
    ordered: list[str] = []

    def walk(entry: Any) -> None:
        if isinstance(entry, str) and entry.endswith(".md"):
            ordered.append(entry)
        elif isinstance(entry, list):
            for child in entry:
                walk(child)
        elif isinstance(entry, dict):
            for child in entry.values():
                walk(child)
    walk(config.get("nav") or [])
    seen = set(ordered)
    return [p for p in ordered if p in docs.anchors] + sorted(set(docs.anchors) - seen)


def _a(url: str, text: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{text}</a>'


def checklist_index(catalog: Catalog, shown: dict[str, str], link: Linker) -> str:
    """A table of the checklists this edition shows: title and page, what each is for, items, answers."""
    rows = []
    for checklist in sorted(catalog, key=lambda c: c.title.lower()):
        page = shown.get(checklist.id)
        if page is None:
            continue
        title = _a(link(page), html.escape(checklist.title))
        if checklist.audience == "internal":
            title += " (internal)"
        answers = ("rating scale: " + ", ".join(p.label for p in checklist.scale)
                   if checklist.answers == "scale" else "yes / no")
        rows.append(f"<tr><td>{title}</td><td>{inline(checklist.summary, link)}</td>"
                    f"<td>{len(checklist.items)}</td><td>{html.escape(answers)}</td></tr>")
    return ('<table class="pb-generated"><thead><tr><th>Checklist</th><th>What it is for</th><th>Items</th>'
            f'<th>Answers</th></tr></thead><tbody>{NL.join(rows)}</tbody></table>')


def guidance_index(docs: DocsIndex, catalog: Catalog, pages: list[str], current: str, link: Linker) -> str:
    """Page by page, every heading with its id and the checklist items that point at it."""
    used: dict[str, list[str]] = defaultdict(list)
    for checklist in catalog:
        for item in checklist.items:
            used[item.guidance].append(f"<code>{html.escape(checklist.id)}</code> / "
                                       f"<code>{html.escape(item.id)}</code>")
    out = []
    for page in pages:
        anchors = docs.anchors.get(page) or {}
        if page == current or not anchors:
            continue
        note = " (internal page: only internal items may point here)" if docs.audience(page) == "internal" else ""
        rows = []
        for anchor, heading in anchors.items():
            target = f"{page}#{anchor}"
            label = html.escape(heading) if heading else f"<code>{html.escape(anchor)}</code>"
            rows.append(f"<tr><td>{_a(link(target), label)}</td><td><code>{html.escape(target)}</code></td>"
                        f"<td>{', '.join(used[target]) or '—'}</td></tr>")
        intro = f"<p>{note.strip(' ()').capitalize()}.</p>" if note else ""
        out.append(f'<h2>{_a(link(page), html.escape(docs.titles.get(page, page)))}</h2>{intro}'
                   '<table class="pb-generated"><thead><tr><th>Heading</th><th>Write in <code>guidance:</code></th>'
                   f'<th>Items that point here</th></tr></thead><tbody>{NL.join(rows)}</tbody></table>')
    return NL.join(out)
