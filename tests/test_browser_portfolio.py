"""The partner portfolio board in Chromium (issue 11): saved data, trends, due dates, cells, exports, print, editions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.audience import for_edition
from macros.loader import load_catalog
from macros.scoring import score

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
NOW = "2026-11-23T12:00:00Z"  # the board's clock in these tests


@pytest.fixture
def board(browser: Browser, site):
    """A fresh browser (its own storage) with a fixed clock; page errors and requests off the site recorded."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.errors, page.outside = [], []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.on("request", lambda r: None if r.url.startswith((site.url, "data:", "blob:"))
            else page.outside.append(r.url))  # type: ignore[attr-defined]
    yield page
    assert page.errors == [] and page.outside == [], (page.errors, page.outside)  # type: ignore[attr-defined]
    context.close()


def cell(page: Page, partnership: str, checklist: str):
    return page.locator(f"tr[data-pb-partnership='{partnership}'] td[data-pb-checklist='{checklist}']")


def test_board_from_answers_and_a_snapshot_saved_on_the_checklist_page(board: Page, site) -> None:
    """Answer, save a snapshot, change an answer: the board shows the page's score, the trend and the review date."""
    page = board
    page.goto(site.url + "reference/checklists/health-check/")
    first = {"gathered": "1", "no-finger-pointing": "0"}
    for item, value in first.items():
        page.locator(f"input[name='{item}'][value='{value}']").check()
    page.locator(".pb-compare > summary").click()
    page.get_by_role("button", name="Save snapshot").click()
    page.locator("input[name='no-finger-pointing'][value='1']").check()  # after the review: not saved as one
    page.locator("a.md-nav__link[href$='portfolio/']").first.click()  # instant navigation
    expect(page.locator(".pb-portfolio__table")).to_have_count(1)
    data = CATALOG["health-check"]
    before = round(score(data, {"gathered": 1, "no-finger-pointing": 0}).overall)
    now = score(data, {"gathered": 1, "no-finger-pointing": 1})
    here = cell(page, "default", "health-check")
    expect(here.locator(".pb-portfolio__score")).to_have_text(f"{round(now.overall)}%")
    expect(here.locator(".pb-portfolio__band")).to_have_text(now.band.label)
    expect(here.locator(".pb-portfolio__trend")).to_contain_text(f"up {round(now.overall) - before}")
    expect(here.locator(".pb-portfolio__date")).to_have_text("Reviewed 2026-11-23")
    expect(here.locator(".pb-portfolio__changed")).to_be_visible()
    expect(page.locator(".pb-portfolio__next li")).to_have_text(
        "Partnership health check for My partnership: Next review 2027-02-21 (last review 2026-11-23)")
    # The other checklists are empty cells that offer to start them.
    expect(page.locator("tr[data-pb-partnership='default'] .pb-portfolio__start")).to_have_count(len(CATALOG) - 1)
