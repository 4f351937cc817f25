"""Guidance links: page-relative URLs, and the "assessed by" back-links."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from .model import Catalog


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
