"""A checklist about a person (onboarding, `about: person`) in Chromium: the reader's own answers, whatever partnership
is current; no partnership picker, no portfolio link, no column on the board. A checklist about a partnership keeps all
of these."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import choose
from playwright.sync_api import Browser, expect

from macros.content.loader import load_catalog

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
SEED = {
    "pb:partnerships": {"current": "acme", "list": [{"id": "default", "name": "My partnership"},
                                                     {"id": "acme", "name": "Acme"}]},
    # Saved before onboarding was about a person, under the default partnership's keys: still the reader's.
    "pb:checklist:onboarding": {"answers": {"explain-why": 1}},
    "pb:history:onboarding:default": [{"date": "2026-11-01T09:00:00Z", "answers": {"explain-why": 0}}],
}


def test_onboarding_is_the_readers_own_and_partnership_checklists_stay_per_partnership(
        browser: Browser, site, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: d.accept("Sam") if d.type == "prompt" else d.accept())
    page.goto(site.url)
    page.evaluate("d => { localStorage.clear(); for (const k in d) localStorage.setItem(k, JSON.stringify(d[k])); }", SEED)

    def stored(key: str):
        return json.loads(page.evaluate("k => localStorage.getItem(k)", key) or "null")

    # Onboarding while Acme is the current partnership: the answers saved before are there, new ones join them.
    page.goto(site.url + "reference/checklists/onboarding/")
    expect(page.locator(".pb-bar")).to_be_visible()
    expect(page.locator("input[name='explain-why'][value='1']")).to_be_checked()
    page.locator("input[name='time-scarce'][value='0']").check()
    # They now live under the reader's own keys (":me", never a partnership's id), moved there from the old ones.
    assert stored("pb:checklist:onboarding:me")["answers"] == {"explain-why": 1, "time-scarce": 0}
    assert stored("pb:checklist:onboarding") is None and stored("pb:checklist:onboarding:acme") is None
    # No partnership anywhere on the page: no picker, no name at the top or in the bar, no portfolio link.
    expect(page.locator(".pb-for")).to_be_hidden()
    expect(page.locator(".pb-bar")).not_to_contain_text("Acme")
    expect(page.locator(".pb-checklist__portfolio")).to_have_count(0)
    expect(page.get_by_role("link", name="See all your partnerships on the partner portfolio")).to_have_count(0)
    compare = page.locator(".pb-compare")
    expect(compare).to_have_attribute("open", "")  # open by itself: the reader has a snapshot
    expect(compare.locator("summary")).to_have_text("Comparison and history")
    expect(compare.locator("h3").first).to_have_text("Compare with someone else's answers")
    expect(page.locator("select.pb-partnership")).to_have_count(0)
    expect(page.get_by_role("button", name="New partnership")).to_have_count(0)
    # What still makes sense for a person: snapshots (the reader's own history), a JSON export with no partnership.
    page.get_by_role("button", name="Save snapshot").click()
    expect(page.locator(".pb-trend")).to_contain_text("2 snapshots")
    assert len(stored("pb:history:onboarding:me")) == 2
    assert stored("pb:history:onboarding:default") is None and stored("pb:history:onboarding:acme") is None
    with page.expect_download() as info:
        choose(page, "Export", "Export JSON")
    exported = tmp_path / "onboarding.json"
    info.value.save_as(exported)
    doc = json.loads(exported.read_text())
    assert "partnership" not in doc and doc["respondent"] == "Sam" and doc["answers"] == {"explain-why": 1, "time-scarce": 0}

    # A checklist about a partnership: Acme's answers, its picker, its name and the link to the board.
    page.goto(site.url + "reference/checklists/health-check/")
    page.locator("input[name='gathered'][value='1']").check()
    assert stored("pb:checklist:health-check:acme")["answers"] == {"gathered": 1}
    expect(page.locator(".pb-for")).to_have_text("Partnership: Acme")
    expect(page.locator(".pb-bar")).to_contain_text("Acme: ")
    expect(page.locator("select.pb-partnership option:checked")).to_have_text("Acme")
    expect(page.locator(".pb-compare summary")).to_have_text("Partnerships, comparison and history")
    page.get_by_role("link", name="See all your partnerships on the partner portfolio").click()

    # The board: a column for each checklist about a partnership, none for onboarding.
    expect(page.locator(".pb-portfolio__table")).to_have_count(1)
    columns = page.locator(".pb-portfolio__table thead th[data-pb-checklist]")
    expect(columns).to_have_count(len([c for c in CATALOG if c.about == "partnership"]))
    expect(page.locator("[data-pb-checklist='onboarding']")).to_have_count(0)
    expect(page.locator("th[data-pb-checklist='health-check']")).to_have_count(1)
    # Deleting the default partnership takes its partnership answers, never the reader's own onboarding answers.
    page.get_by_role("button", name="More actions for My partnership").click()
    page.get_by_role("menuitem", name="Delete").click()
    expect(page.locator("tbody th .pb-portfolio__name")).to_have_text(["Acme"])
    assert stored("pb:checklist:onboarding:me")["answers"] == {"explain-why": 1, "time-scarce": 0}
    assert len(stored("pb:history:onboarding:me")) == 2
    # The roll-up reads the onboarding export, in a row of its own.
    page.set_input_files("#pb-rollup-files", str(exported))
    expect(page.locator(".pb-rollup__status")).to_contain_text("Rolled up 1 of 1 file.")
    row = page.locator(".pb-rollup__grid tbody tr")
    expect(row.locator("th")).to_have_text("Not about a partnership")
    expect(row.locator("td[data-pb-checklist='onboarding']")).to_contain_text("1 respondent")
    assert errors == []
    context.close()
