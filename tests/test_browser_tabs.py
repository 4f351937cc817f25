"""Several tabs of one site share one browser storage: no tab undoes another, each follows the others live (issue 10)."""
from __future__ import annotations

import json

import pytest
from conftest import write_note
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser
URL = "reference/checklists/partner-fit/"


@pytest.fixture
def tabs(browser: Browser, site):
    """Two tabs (pages) of one browser context, so they share localStorage and see each other's storage events."""
    context = browser.new_context()
    pages = [context.new_page(), context.new_page()]
    errors: list[str] = []
    for page in pages:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d, p=page: d.accept(p.reply) if d.type == "prompt" else d.accept())  # type: ignore[attr-defined]
    yield pages
    assert errors == [], errors
    context.close()


def open_page(page: Page, site, path: str = URL) -> None:
    page.goto(site.url + path)
    expect(page.locator("[data-pb-mounted]")).to_have_count(1)



def test_answers_and_notes_from_two_tabs_are_all_kept(tabs, site) -> None:
    """The issue's scenario: item 1 in tab A, item 2 in tab B, then a note in tab A."""
    a, b = tabs
    open_page(a, site)
    open_page(b, site)
    a.locator("input[name='champion'][value='3']").check()
    b.locator("input[name='champion-authority'][value='1']").check()
    write_note(a, "champion", "Met her twice")
    for page in (a, b):  # live, in every tab
        expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
        expect(page.locator("input[name='champion-authority'][value='1']")).to_be_checked()
    expect(b.locator("textarea[name='champion--note']")).to_have_value("Met her twice")
    expect(b.locator(".pb-live__score")).to_have_text(a.locator(".pb-live__score").text_content())
    b.reload()
    expect(b.locator("input[name='champion'][value='3']")).to_be_checked()
    expect(b.locator("input[name='champion-authority'][value='1']")).to_be_checked()
    saved = json.loads(a.evaluate("localStorage.getItem('pb:checklist:partner-fit')"))
    assert saved["answers"] == {"champion": 3, "champion-authority": 1}
    assert saved["notes"] == {"champion": "Met her twice"}


def test_onboarding_ticks_from_two_tabs_are_all_kept(tabs, site) -> None:
    a, b = tabs
    open_page(a, site, "onboarding/employee/")
    open_page(b, site, "onboarding/employee/")
    a.locator("#pb-path-employee-trust").check()
    b.locator("#pb-path-employee-tutorial").check()
    a.locator("#pb-path-employee-trust").uncheck()
    a.locator("#pb-path-employee-trust").check()
    for page in (a, b):
        expect(page.locator("#pb-path-employee-tutorial")).to_be_checked()
        expect(page.locator("#pb-path-employee-trust")).to_be_checked()
        expect(page.locator(".pb-path__count")).to_contain_text("2 of ")
    b.reload()
    expect(b.locator("#pb-path-employee-tutorial")).to_be_checked()
    expect(b.locator("#pb-path-employee-trust")).to_be_checked()


def test_partnerships_and_history_from_two_tabs_are_all_kept(tabs, site) -> None:
    a, b = tabs
    open_page(a, site)
    open_page(b, site)
    a.reply, b.reply = "Globex", "Initech"  # type: ignore[attr-defined]
    a.locator(".pb-compare > summary").click()  # folded away until asked for; b opens by itself below
    a.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
    expect(b.locator("select.pb-partnership option:checked")).to_have_text("Globex")  # b follows a
    b.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
    for page in (a, b):
        expect(page.locator("select.pb-partnership option")).to_have_text(["My partnership", "Globex", "Initech"])
        expect(page.locator("select.pb-partnership option:checked")).to_have_text("Initech")
    a.locator("input[name='champion'][value='2']").check()  # answers go to the partnership on screen
    expect(b.locator("input[name='champion'][value='2']")).to_be_checked()
    a.get_by_role("button", name="Save snapshot").click()
    b.get_by_role("button", name="Save snapshot").click()
    expect(a.locator(".pb-trend")).to_contain_text("2 snapshots")
    b.locator("select.pb-partnership").select_option(label="My partnership")
    expect(a.locator("select.pb-partnership option:checked")).to_have_text("My partnership")
    expect(a.locator("input[name='champion'][value='2']")).not_to_be_checked()
    a.reload()
    expect(a.locator("select.pb-partnership option")).to_have_count(3)
