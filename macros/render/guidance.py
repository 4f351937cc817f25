"""Guidance links: page-relative URLs, and the "assessed by" back-links and their asides."""
from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from macros.content.model import Catalog
from macros.render.text import plain


def page_url(src_path: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page, relative to the site root (as `Page.url`)."""
    stem = src_path[:-3] if src_path.endswith(".md") else src_path
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def href(guidance: str, from_url: str, use_directory_urls: bool = True) -> str:
    """Link from the page at `from_url` to `page.md#anchor`."""
    page, _, anchor = guidance.partition("#")
    target = page_url(page, use_directory_urls)
    relative = get_relative_url(target or ".", from_url or ".")
    if use_directory_urls and not relative.endswith("/") and not relative.endswith(".html"):
        relative += "/"
    return f"{relative}#{anchor}" if anchor else relative


@dataclass(frozen=True)
class BackLink:
    checklist_id: str
    checklist_title: str
    item_id: str
    item_text: str
    page: str  # the checklist's page, docs-relative


def back_links(catalog: Catalog, checklist_pages: dict[str, str]) -> dict[str, dict[str, list[BackLink]]]:
    """{guidance page: {anchor: [items pointing there]}} for checklists that a page shows."""
    found: dict[str, dict[str, list[BackLink]]] = defaultdict(lambda: defaultdict(list))
    for checklist in catalog:
        page = checklist_pages.get(checklist.id)
        if page is None:
            continue
        for item in checklist.items:
            found[item.guidance_page][item.guidance_anchor].append(
                BackLink(checklist.id, checklist.title, item.id, item.text, page))
    return found


def assessed_by(html_text: str, page_url_: str, anchors: dict[str, list[BackLink]] | None,
                use_directory_urls: bool = True) -> str:
    """After each heading that guidance points at, an aside listing the checklist items that point at it."""
    if not anchors:
        return html_text
    for anchor, links in anchors.items():
        heading = re.compile(rf'(<h([1-6])\b[^>]*\bid="{re.escape(anchor)}"[^>]*>.*?</h\2>)', re.DOTALL)
        entries = []
        for link in links:
            target = get_relative_url(page_url(link.page, use_directory_urls), page_url_)
            url = f"{target}#pb-{link.checklist_id}-{link.item_id}"
            entries.append(f'<li><a href="{html.escape(url, quote=True)}">{html.escape(link.checklist_title)}: '
                           f"{html.escape(plain(link.item_text))}</a></li>")
        aside = ('<aside class="pb-assessed-by" aria-label="Assessed by">'
                 '<p class="pb-assessed-by__title">Assessed by</p>'
                 f'<ul>{"".join(entries)}</ul></aside>')
        html_text = heading.sub(lambda m: m.group(1) + aside, html_text, count=1)
    return html_text
