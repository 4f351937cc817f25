"""Every checklist item's guidance resolves to a real page and heading of the built site, both ways."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from macros.content.anchors import scan_docs
from macros.render.guidance import page_url
from macros.content.loader import load_catalog

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)


def built_file(site, url: str) -> Path:
    path = urlparse(url).path.removeprefix(urlparse(site.url).path)
    target = site.root / path
    return target / "index.html" if path.endswith("/") or path == "" else target


def ids_in(file: Path) -> set[str]:
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return {tag["id"] for tag in soup.find_all(id=True)}


def test_there_are_checklists() -> None:
    assert len(CATALOG) >= 1


@pytest.mark.parametrize("checklist", list(CATALOG), ids=lambda c: c.id)
def test_every_item_guidance_is_a_heading_of_the_built_site(site, checklist) -> None:
    for item in checklist.items:
        target = site.root / page_url(item.guidance_page) / "index.html"
        assert target.is_file(), f"{checklist.id}/{item.id}: no built page for {item.guidance_page}"
        assert item.guidance_anchor in ids_in(target), f"{checklist.id}/{item.id}: #{item.guidance_anchor} missing"


def checklist_pages(site) -> list[Path]:
    return [p for p in site.root.rglob("index.html")
            if 'data-pb-checklist="' in p.read_text(encoding="utf-8") and "print_page" not in p.parts]


def test_rendered_guidance_links_resolve(site) -> None:
    pages = checklist_pages(site)
    assert len(pages) >= len(CATALOG)
    checked = 0
    for page in pages:
        page_url_ = site.url + page.parent.relative_to(site.root).as_posix() + "/"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a.pb-item__guidance"):
            absolute = urljoin(page_url_, link["href"])
            fragment = urlparse(absolute).fragment
            target = built_file(site, absolute)
            assert target.is_file(), f"{page}: {link['href']} -> no such page"
            assert fragment in ids_in(target), f"{page}: {link['href']} -> no heading #{fragment}"
            checked += 1
    assert checked == sum(len(c.items) for c in CATALOG)


def test_guidance_headings_link_back_to_the_items(site) -> None:
    expected = {(c.id, i.id) for c in CATALOG for i in c.items}
    found = set()
    for page in site.root.rglob("index.html"):
        page_url_ = site.url + page.parent.relative_to(site.root).as_posix() + "/"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for aside in soup.select("aside.pb-assessed-by"):
            heading = aside.find_previous_sibling(["h2", "h3", "h4"])
            for link in aside.select("a"):
                absolute = urljoin(page_url_, link["href"])
                fragment = urlparse(absolute).fragment
                assert fragment in ids_in(built_file(site, absolute))
                cid, iid = next((c, i) for c, i in expected if fragment == f"pb-{c}-{i}")
                item = CATALOG[cid].items[[x.id for x in CATALOG[cid].items].index(iid)]
                assert heading["id"] == item.guidance_anchor
                found.add((cid, iid))
    assert found == expected


def test_anchor_scan_matches_mkdocs_slugs(site) -> None:
    """The fast scan of docs/ agrees with the ids MkDocs actually wrote."""
    index = scan_docs(ROOT / "docs")
    for page, anchors in index.anchors.items():
        built = site.root / page_url(page)
        built = built / "index.html" if page_url(page).endswith("/") or page_url(page) == "" else built
        assert set(anchors) <= ids_in(built), f"{page}: {set(anchors) - ids_in(built)}"
