"""`make bundle`: the partner edition as a zip that works opened from disk (macros/publish/bundle.py)."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, choose, copy_project
from macros.publish.bundle import FOLDER, build_bundle

LOCAL = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle, built once and unzipped as a partner would; returns the folder holding index.html."""
    out = tmp_path_factory.mktemp("bundle")
    assert build_bundle(ROOT, out / "partner.zip") == 0
    with zipfile.ZipFile(out / "partner.zip") as archive:
        names = archive.namelist()
        assert all(name.startswith(FOLDER + "/") for name in names)
        archive.extractall(out / "unzipped")
    return out / "unzipped" / FOLDER


def test_every_link_in_the_bundle_opens_a_file(bundle: Path) -> None:
    """No directory URLs: every relative link of every page points at a file that exists."""
    pages = sorted(bundle.rglob("*.html"))
    assert len(pages) > 20
    checked = 0
    for page in pages:
        for href in re.findall(r'\bhref="([^"]+)"', page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "//")) or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(bundle)}: {href} opens no file"
            checked += 1
    assert checked > 500


def test_nothing_internal_and_no_outside_address_is_loaded(bundle: Path) -> None:
    assert not (bundle / "reference" / "approvals.html").exists()
    assert (bundle / "search" / "search_index.js").is_file()
    assert not (bundle / "404.html").exists() and not (bundle / "sitemap.xml").exists()
    assert not (bundle / "_headers").exists()
    for page in bundle.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "127.0.0.1" not in text, f"{page.name} names the author's local address"
        for src in re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', text):
            assert not src.startswith(("http:", "https:", "//")), f"{page.name} loads {src}"


@pytest.fixture
def offline(page: Page, bundle: Path):
    """A page that records console errors and every request that is not a local file."""
    page.set_viewport_size({"width": 1300, "height": 900})  # wide enough for Material's tabs
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else outside.append(r.url))
    yield page
    assert outside == [], f"requests left the machine: {outside}"
    assert errors == [], errors


@pytest.mark.browser
def test_the_bundle_works_from_disk(offline: Page, bundle: Path, tmp_path: Path) -> None:
    page = offline
    page.goto((bundle / "index.html").as_uri())
    # Material's script and ours, and both stylesheets, load from file:// as classic scripts.
    assert page.evaluate("() => typeof window.document$ === 'object' && typeof window.pbScore === 'function'")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    expect(page.locator(".pb-edition--public")).to_be_visible()

    # Every navigation tab opens its page, not a folder listing.
    tabs = page.locator(".md-tabs__link")
    names = tabs.all_inner_texts()
    assert {"Principles", "How-to guides", "Reference"} <= {name.strip() for name in names}
    for name in names:
        page.locator(".md-tabs__link", has_text=name.strip()).first.click()
        page.wait_for_load_state()
        assert page.url.endswith(".html"), page.url
        expect(page.locator("article h1").first).to_be_visible()
        assert "Index of" not in page.title()

    # Search runs from the inlined index (the search worker runs through the iframe shim).
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("fair price")  # Material searches on key events
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    results.first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file:") and ".html" in page.url

    # An assessment answers, keeps its answers over a reload, exports and imports them.
    page.goto((bundle / "reference" / "checklists" / "partner-fit.html").as_uri())
    live = page.locator(".pb-live__score")
    expect(live).to_have_text("No score yet: answer at least one item.")
    assert live.evaluate("e => getComputedStyle(e).fontWeight") == "700"  # playbook.css
    page.locator("input[name='champion'][value='3']").check()
    expect(live).to_contain_text("Overall score 100%")
    page.reload()
    expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
    with page.expect_download() as download:
        choose(page, "Export", "Export JSON")
    saved = tmp_path / "export.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text())["answers"] == {"champion": 3}
    page.once("dialog", lambda dialog: dialog.accept())
    choose(page, "More actions", "Clear answers")
    expect(live).to_have_text("No score yet: answer at least one item.")
    page.locator("#pb-import-partner-fit").set_input_files(str(saved))
    expect(page.locator(".pb-status").first).to_contain_text("Imported 1 answers.")
    expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
    expect(live).to_contain_text("Overall score 100%")

    # The team roll-up on the portfolio page reads that file from disk too (rollup.js, a classic script).
    page.goto((bundle / "portfolio.html").as_uri())
    page.locator("#pb-rollup-files").set_input_files(str(saved))
    expect(page.locator(".pb-rollup__status")).to_contain_text("Rolled up 1 of 1 file.")
    expect(page.locator(".pb-rollup__grid td[data-pb-checklist='partner-fit']")).to_contain_text("Median 100%")


def test_a_failed_bundle_keeps_the_previous_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    (project / "data" / "checklists" / "broken.yml").write_text("id: [broken\n")
    previous = tmp_path / "dist" / "partner.zip"
    previous.parent.mkdir()
    previous.write_bytes(b"previous bundle")
    assert build_bundle(project, previous) != 0
    assert previous.read_bytes() == b"previous bundle"
    assert sorted(p.name for p in previous.parent.iterdir()) == ["partner.zip"]
    assert [p.name for p in project.iterdir() if p.name.startswith(".bundle")] == []
    assert "Bundle failed; the previous" in capsys.readouterr().err


@pytest.mark.browser
def test_the_portfolio_works_from_disk(offline: Page, bundle: Path) -> None:
    """The board's own script and stylesheet load from file://; a cell opens its checklist from disk."""
    page = offline
    page.goto((bundle / "reference" / "checklists" / "health-check.html").as_uri())
    page.locator("input[name='gathered'][value='1']").check()
    page.goto((bundle / "portfolio.html").as_uri())
    here = page.locator("tr[data-pb-partnership='default'] td[data-pb-checklist='health-check']")
    expect(here.locator(".pb-portfolio__score")).to_have_text("100%")
    assert here.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"  # portfolio.css
    assert here.locator("a").get_attribute("href") == "reference/checklists/health-check.html?partnership=default"
    here.locator("a").click()
    page.wait_for_load_state()
    assert page.url.startswith("file:") and "health-check.html" in page.url
    expect(page.locator("input[name='gathered'][value='1']")).to_be_checked()


@pytest.mark.browser
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_partner_programme_step_by_step_from_disk(offline: Page, bundle: Path, size: str) -> None:
    """Issue 23: a step page knows its programme from the data built into it (the zip cannot fetch)."""
    from test_browser_steps import SIZES, follow, programme
    offline.set_viewport_size(dict(zip(("width", "height"), SIZES[size])))
    follow(offline, (bundle / "onboarding" / "partner.html").as_uri(), programme("partner", "public"), instant=False)


@pytest.mark.browser
def test_the_comparison_loads_from_disk_when_its_panel_first_opens(offline: Page, bundle: Path) -> None:
    """From file:// too (issues 21 and 24): compare.js is not in the first load; opening the panel loads it once,
    from the bundle's own folder, as a classic script."""
    page = offline
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if r.url.endswith("/compare.js") else None)
    page.goto((bundle / "reference" / "checklists" / "partner-fit.html").as_uri())
    expect(page.locator(".pb-partnership-bar select.pb-partnership")).to_have_count(1)
    page.wait_for_load_state("load")
    assert asked == [] and page.locator(".pb-compare__sides").count() == 0
    page.locator(".pb-compare > summary").click()
    expect(page.locator(".pb-compare .pb-compare__sides")).to_have_count(1)
    expect(page.locator(".pb-compare .pb-history")).to_have_count(1)
    page.locator(".pb-compare > summary").click()
    page.locator(".pb-compare > summary").click()
    expect(page.locator(".pb-compare")).to_have_attribute("open", "")
    assert page.locator("script[src$='compare.js']").count() == 1  # no instant navigation here: the element stays
    assert asked == [(bundle / "assets" / "javascripts" / "compare.js").as_uri()], asked
