"""Every relative link of every built page resolves, in both editions: to a file, and to an id on it."""
from __future__ import annotations

import html
import re
import shutil
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTR = re.compile(r"""<(?:a|link|script|img|source)\b[^>]*?\s(?:href|src)=["']([^"']*)["']""", re.IGNORECASE)
ID = re.compile(r"""\sid=["']([^"']+)["']""")


def _target(site: Path, page: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    base = site if path.startswith("/") else page.parent  # the tests serve each site at the root
    resolved = (base / path.lstrip("/")).resolve() if path else page
    if resolved.is_dir() or path.endswith("/"):
        resolved = resolved / "index.html"
    return resolved


def broken_links(site: Path) -> list[str]:
    """'page -> link (why)' for each relative link that does not resolve."""
    site = site.resolve()

    @cache
    def ids(path: Path) -> set[str]:
        return set(ID.findall(path.read_text(encoding="utf-8", errors="replace")))

    broken = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for raw in ATTR.findall(text):
            url = html.unescape(raw)
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "data:", "javascript:")) or not url:
                continue
            target = _target(site, page, url)
            name = f"{page.relative_to(site)} -> {url}"
            if site not in target.parents and target != site:
                broken.append(f"{name} (outside the site)")
            elif not target.is_file():
                broken.append(f"{name} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids(target):
                broken.append(f"{name} (no id '{parts.fragment}' there)")
    return broken


def test_every_link_of_the_internal_edition_resolves(site) -> None:
    assert len(list(site.root.rglob("*.html"))) > 30
    assert broken_links(site.root) == []


def test_every_link_of_the_partner_edition_resolves(public_site) -> None:
    assert broken_links(public_site.root) == []


def test_the_link_check_finds_a_missing_page_and_a_missing_id(public_site, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(public_site.root, copy)
    trust = copy / "principles" / "trust" / "index.html"
    trust.write_text(trust.read_text().replace("</article>",
                     '<a href="../gone/">x</a><a href="../win-win/#no-such-id">y</a></article>', 1))
    assert broken_links(copy) == ["principles/trust/index.html -> ../gone/ (no such file)",
                                  "principles/trust/index.html -> ../win-win/#no-such-id (no id 'no-such-id' there)"]
