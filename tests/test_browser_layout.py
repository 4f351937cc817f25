"""The assessment page as people use it: summary in view, pick up where you left off, compact items, menus (issue 10)."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from macros.content.loader import load_catalog

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
    results = page.locator("#pb-partner-fit-results")
    for _ in range(6):  # a click right after a scroll: Material's instant navigation went astray 1 time in 4
        page.evaluate("window.scrollTo(0, 0)")
        expect(bar).to_be_in_viewport()
        bar.click()
        expect(results).to_be_in_viewport()
        expect(results).to_be_focused()  # a keyboard or screen reader user goes on from the results


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


TARGETS = """() => [...document.querySelectorAll('.pb-item')].map(item => {
    const labels = [...item.querySelectorAll('.pb-choice')].map(l => l.getBoundingClientRect());
    const row = item.querySelector('.pb-item__choices').getBoundingClientRect();
    const guidance = item.querySelector('.pb-item__guidance').getBoundingClientRect();
    return {small: labels.filter(r => r.width < 24 || r.height < 24).length,
            rows: new Set(labels.map(r => Math.round(r.top))).size,
            fullWidth: labels.every(r => Math.abs(r.width - row.width) < 1),
            guidance: guidance.width > 0 && guidance.height > 0};
})"""


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_answer_targets_are_large_a_row_on_a_desktop_full_width_on_a_phone(page: Page, site, size) -> None:
    open_checklist(page, site, size)
    items = page.evaluate(TARGETS)
    assert len(items) == len(CATALOG["partner-fit"].items)
    assert all(i["small"] == 0 for i in items), "every answer target is at least 24 by 24 CSS px (WCAG 2.5.8)"
    assert all(i["guidance"] for i in items), "the guidance link stays visible"
    if size == DESKTOP:
        assert all(i["rows"] == 1 for i in items), items
    else:
        assert all(i["fullWidth"] for i in items), items
    target = page.locator(".pb-item").first.locator(".pb-choice").nth(1)  # the whole target answers, not just the dot
    target.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = target.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] - 4)
    expect(target.locator("input")).to_be_checked()


def test_items_take_at_most_245_px_of_page_each_on_a_desktop(page: Page, site) -> None:
    open_checklist(page, site, DESKTOP)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height / len(CATALOG["partner-fit"].items) <= 245, height


def test_notes_sit_behind_add_a_note_and_stay_open_once_written(page: Page, site) -> None:
    open_checklist(page, site)
    note = page.locator("textarea[name='champion--note']")
    expect(note).to_be_hidden()
    page.locator(".pb-item[data-pb-item='champion'] summary").click()
    note.fill("Met her twice")
    page.reload()
    expect(note).to_be_visible()
    expect(note).to_have_value("Met her twice")
    expect(page.locator("textarea[name='champion-authority--note']")).to_be_hidden()


def test_without_javascript_notes_open_by_hand_and_all_print(browser, site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + URL)
    note = page.locator("textarea[name='champion--note']")
    expect(note).to_be_hidden()
    page.locator(".pb-item[data-pb-item='champion'] summary").click()
    note.fill("Written without JavaScript")
    page.emulate_media(media="print")
    notes = page.locator(".pb-item textarea")
    assert notes.count() == len(CATALOG["partner-fit"].items)
    for n in range(notes.count()):
        expect(notes.nth(n)).to_be_visible()
    context.close()


VISIBLE_BUTTONS = """bar => [...bar.children].filter(c => c.matches('button, label.md-button, .pb-menu')
                                         && c.getBoundingClientRect().height > 0).length"""


def test_toolbars_show_at_most_three_buttons(page: Page, site) -> None:
    open_checklist(page, site)
    page.locator(".pb-compare > summary").click()
    bars = page.locator(".pb-tools, .pb-compare__tools")
    expect(bars).to_have_count(3)  # the assessment, partnerships, history
    for n in range(3):
        assert 2 <= bars.nth(n).evaluate(VISIBLE_BUTTONS) <= 3


def test_menu_button_works_with_keyboard_and_screen_reader(page: Page, site) -> None:
    open_checklist(page, site)
    page.locator("input[name='champion'][value='2']").check()
    button = page.get_by_role("button", name="Export", exact=True)
    menu = page.locator("#" + button.get_attribute("aria-controls"))
    expect(button).to_have_attribute("aria-haspopup", "menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_attribute("role", "menu")
    expect(menu).to_be_hidden()
    focused = page.locator(":focus")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(focused).to_have_attribute("role", "menuitem")
    expect(focused).to_have_text("Export JSON")
    page.keyboard.press("ArrowDown")
    expect(focused).to_have_text("Export for partner (JSON)")
    page.keyboard.press("End")
    expect(focused).to_have_text("Your name on exports")
    page.keyboard.press("Home")
    expect(focused).to_have_text("Export JSON")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowUp")  # opens on the last action
    expect(focused).to_have_text("Your name on exports")
    page.keyboard.press("Home")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == f"partner-fit-my-partnership-{page.evaluate('pbKit.localDay(new Date())')}.json"
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # leaving the menu closes it
    expect(menu).to_be_hidden()
    button.click()
    expect(menu).to_be_visible()
    page.locator("h1").click()  # so does a click elsewhere
    expect(menu).to_be_hidden()
    more = page.get_by_role("button", name="More actions", exact=True)
    expect(more).to_have_text("More")
    more.click()
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("menuitem", name="Clear answers").click()
    expect(more).to_be_focused()
    expect(page.locator("input[name='champion'][value='2']")).to_be_checked()


def test_the_partnership_bar_menu_opens_inside_a_phone_screen(page: Page, site) -> None:
    """The bar's More button sits right of the middle at 390 px: its menu (Rename, Delete) opens leftwards."""
    open_checklist(page, site, PHONE)
    page.locator(".pb-partnership-bar").get_by_role("button", name="More partnership actions").click()
    menu = page.locator(".pb-partnership-bar [role=menu]")
    expect(menu).to_be_visible()
    box = menu.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0], box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
