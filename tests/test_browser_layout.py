"""The assessment page as people use it: summary in view, pick up where you left off, compact items, menus (issue 10)."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from macros.loader import load_catalog

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
URL = "reference/checklists/partner-fit/"
PHONE, DESKTOP = (390, 844), (1280, 900)

FOCUS_AND_BAR = """() => {
    const bar = document.querySelector('.pb-bar').getBoundingClientRect();
    const f = document.activeElement.getBoundingClientRect(), item = document.activeElement.closest('.pb-item');
    return {item: item && item.dataset.pbItem, barInView: bar.top >= 0 && bar.bottom <= innerHeight + 0.5,
            focusInView: f.top >= 0 && f.bottom <= innerHeight, underBar: f.bottom > bar.top && f.top < bar.bottom};
}"""


def open_checklist(page: Page, site, size: tuple[int, int] = DESKTOP) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site.url + URL)
    expect(page.locator(".pb-bar")).to_be_visible()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_summary_stays_in_view_never_covers_focus_and_leads_to_results(page: Page, site, size) -> None:
    open_checklist(page, site, size)
    items = [i.id for i in CATALOG["partner-fit"].items]
    bar = page.locator(".pb-bar")
    expect(bar).to_contain_text(f"0 of {len(items)} answered")
    page.locator(f"input[name='{items[0]}']").first.focus()
    seen = []
    for _ in range(80):  # through every item with the keyboard, as far down as the last one
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_AND_BAR)
        if state["item"] is None:
            break
        seen.append(state["item"])
        assert state["barInView"], f"summary out of view while answering {state['item']}"
        assert state["focusInView"] and not state["underBar"], f"focus hidden while on {state['item']}"
    assert seen[-1] == items[-1], seen
    page.keyboard.press("Shift+Tab")
    while page.evaluate("document.activeElement.type") != "radio":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # answers the last item from the keyboard
    expect(bar).to_contain_text(f"1 of {len(items)} answered")
    expect(bar).to_contain_text("Score ")
    assert page.evaluate(FOCUS_AND_BAR)["barInView"]
    page.evaluate("window.scrollTo(0, 0)")
    expect(bar).to_be_in_viewport()
    bar.click()
    expect(page.locator("#pb-partner-fit-results")).to_be_in_viewport()


def test_returning_to_a_partly_answered_checklist_goes_on_at_the_first_open_item(page: Page, site) -> None:
    open_checklist(page, site)
    expect(page.locator(".pb-resume")).to_have_count(0)  # nothing begun: nothing to pick up
    items = [i.id for i in CATALOG["partner-fit"].items]
    for item in (items[0], items[1], items[3]):
        page.locator(f"input[name='{item}'][value='2']").check()
    page.reload()
    resume = page.locator(".pb-resume")
    expect(resume).to_contain_text(f"You have answered 3 of {len(items)} items.")
    resume.get_by_role("button", name="Go to the first unanswered item").click()
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("name", items[2])
    expect(focused).to_be_in_viewport()
