"""A joint review across editions (issue 22): we answer on the internal playbook and export for the partner; the
partner answers on the partner edition opened from the zip and exports; we compare and roll up.

What must hold: items about one side are compared with the other side's answer about that same side (no gap between
different questions), the partner's file belongs to the partnership we choose (never a new one), files are named
after checklist, partnership and day, and the page says what it did in words a reader understands.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import choose
from test_bundle import bundle  # noqa: F401  (the zip, built once for this module)

pytestmark = pytest.mark.browser
PARTNER_FIT = "reference/checklists/partner-fit"
# Item ids of partner-fit and the answer each side gives, read from its own side.
# `champion` (side: theirs) and `our-champion` (side: ours) mirror each other.
OURS = {"champion": "3", "our-champion": "1", "complementary": "2", "pricing-approval": "1"}
THEIRS = {"our-champion": "3", "champion": "1", "complementary": "2"}  # their champion is the one we named: Fully


def person(browser: Browser, names: dict[str, str]) -> Page:
    """One side in its own browser: prompts answered from `names` by their first words, errors recorded."""
    page = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900}).new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]

    def reply(dialog) -> None:  # type: ignore[no-untyped-def]
        answer = next((v for k, v in names.items() if dialog.message.startswith(k)), "")
        dialog.accept(answer) if dialog.type == "prompt" else dialog.accept()
    page.on("dialog", reply)
    return page


def answer(page: Page, answers: dict[str, str]) -> None:
    for item, value in answers.items():
        page.locator(f"input[name='{item}'][value='{value}']").check()


def download(page: Page, menu: str, action: str, folder: Path) -> Path:
    with page.expect_download() as info:
        choose(page, menu, action)
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def start_partnership(page: Page, first_item: str) -> None:
    """New partnership from the bar above the first item; the reader lands on the first item."""
    bar = page.locator("form .pb-partnership-bar")
    first_section = page.locator("form .pb-section").first
    assert bar.evaluate("(b, s) => !!(b.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING)",
                        first_section.element_handle())  # the picker comes before the first item
    bar.get_by_role("button", name="New partnership").click()
    expect(page.locator(f"input[name='{first_item}']").first).to_be_focused()
    top = page.evaluate(f"document.querySelector(\"input[name='{first_item}']\").getBoundingClientRect().top")
    assert 0 <= top <= page.viewport_size["height"], top  # in view, not 3,900 px below


@pytest.fixture
def sides(browser: Browser):
    ours = person(browser, {"Name of the new": "Globex", "Your name": "Dana Reyes"})
    theirs = person(browser, {"Name of the new": "Contoso", "Your name": "Sam Okafor"})
    yield ours, theirs
    for page in (ours, theirs):
        assert page.errors == [], page.errors
        page.context.close()


def test_a_joint_review_across_editions(sides, site, bundle: Path, tmp_path: Path) -> None:  # noqa: F811
    us, them = sides
    (tmp_path / "us").mkdir()
    (tmp_path / "them").mkdir()

    # -- We answer on the internal playbook, for our partnership with Globex. --------------------------------
    us.goto(site.url + PARTNER_FIT + "/")
    start_partnership(us, "champion")
    answer(us, OURS)
    day = us.evaluate("pbKit.localDay(new Date())")
    status = us.locator(".pb-status")
    mine = download(us, "Export", "Export JSON", tmp_path / "us")
    assert mine.name == f"partner-fit-globex-{day}.json"
    expect(status).to_have_text(f"Exported {mine.name}: Partner fit, Globex, as of {day}.")
    doc = json.loads(mine.read_text())
    assert doc["partnership"] == "Globex" and doc["respondent"] == "Dana Reyes" and "side" not in doc
    shared = download(us, "Export", "Export for partner (JSON)", tmp_path / "us")
    assert shared.name == f"partner-fit-{day}.json"  # checklist and day: the partnership's name is our label
    expect(status).to_contain_text(f"Exported {shared.name} for the partner, without the partnership's name")
    shared_doc = json.loads(shared.read_text())
    assert "partnership" not in shared_doc and "pricing-approval" not in shared_doc["answers"]
    summary = download(us, "Export", "Export Markdown", tmp_path / "us")
    assert summary.name == f"partner-fit-globex-{day}.md"
    assert f"Partnership: Globex  \nRespondent: Dana Reyes  \nDate: {day}\n" in summary.read_text()
    expect(status).to_have_text(f"Exported {summary.name}: Partner fit, Globex, as of {day}.")

    # -- The partner answers on the partner edition, opened from the zip. They call the partnership "Contoso". --
    them.goto((bundle / f"{PARTNER_FIT}.html").as_uri())
    expect(them.locator(".pb-checklist__sides")).to_contain_text("\u201cwe\u201d and \u201cour\u201d mean your company")
    start_partnership(them, "champion")
    answer(them, THEIRS)
    # Our file, compared on their side, lines up the same way: no gap, though each side answered differently.
    them.locator(".pb-compare > summary").click()
    them.set_input_files("#pb-other-partner-fit", str(shared))
    expect(them.locator(".pb-compare__status[role=alert]")).to_have_text(
        f"Comparing with {shared.name}, the other side of Contoso.")
    expect(them.locator(".pb-agenda li[data-pb-kind='Gap']")).to_have_count(0)
    theirs = download(them, "Export", "Export JSON", tmp_path / "them")
    assert theirs.name == f"partner-fit-contoso-{day}.json"
    expect(them.locator(".pb-status")).to_contain_text(
        f"Exported {theirs.name}: Partner fit, Contoso, as of {day}. It says it comes from the partner's side")
    their_doc = json.loads(theirs.read_text())
    assert their_doc["side"] == "partner" and their_doc["partnership"] == "Contoso"
    them.get_by_role("button", name="Save snapshot").click()
    their_history = download(them, "More history actions", "Export history", tmp_path / "them")
    assert their_history.name == f"partner-fit-contoso-{day}-history.json"
    assert json.loads(their_history.read_text())["side"] == "partner"

    # -- We compare their file with our answers for Globex. ----------------------------------------------------
    us.locator(".pb-compare > summary").click()
    alert = us.locator(".pb-compare__status[role=alert]")
    bad = tmp_path / "not-json.json"
    bad.write_text("{")
    us.set_input_files("#pb-other-partner-fit", str(bad))
    expect(alert).to_contain_text("Their file was not used.")
    us.set_input_files("#pb-other-partner-fit", str(theirs))
    expect(alert).to_have_text(f"Comparing with {theirs.name}, the partner's side of Globex.")  # the failure is gone
    rows = us.locator(".pb-compare__table tr[data-pb-item]")
    # Without the mirrors, 'champion' would set our 'Fully' (about their champion) against their 'Partly' (about ours).
    champion = us.locator(".pb-compare__table tr[data-pb-item='champion']")
    expect(champion).to_have_attribute("data-pb-mirror", "our-champion")
    expect(champion.locator("td")).to_have_text([
        "We have named one champion inside the partner who can clear internal obstacles. (Globex answered: "
        "\u201cThe partner knows our one champion, who can clear obstacles inside our company.\u201d)",
        "Fully", "Fully", "Agree", ""])
    expect(us.locator(".pb-compare__table tr[data-pb-item='our-champion'] td").nth(2)).to_have_text("Partly")
    expect(us.locator(".pb-compare__table tr[data-pb-item='our-champion'] td").nth(3)).to_have_text("Agree")
    expect(us.locator(".pb-compare__table tr[data-pb-item='complementary'] td").nth(3)).to_have_text("Agree")
    assert us.locator(".pb-compare__table tr[data-pb-item='complementary']").get_attribute("data-pb-mirror") is None
    expect(rows.filter(has_text="Gap of")).to_have_count(0)  # no gap between different questions
    expect(us.locator(".pb-agenda li[data-pb-kind='Gap']")).to_have_count(0)
    expect(us.locator(".pb-compare__mirrors")).to_contain_text("the two overall scores cover the same questions")
    scores = us.locator(".pb-compare__scores")
    # Both scores cover the shared items only (our internal 'pricing-approval', answered 1/3, counts in neither:
    # the partner never saw it). Ours: (2 x 3/3 + 2 x 1/3 + 2/3) / 5 = 67%; theirs, lined up, the same = 67%.
    expect(scores).to_contain_text("Us: 67%; Globex: 67%")

    # Their history is their view over time, not ours: it does not join our history.
    us.set_input_files("#pb-history-file-partner-fit", str(their_history))
    expect(alert).to_have_text("The history file holds the partner's snapshots (it was exported from the partner edition), "
                               "not yours; nothing was imported. To set their view against yours, compare their assessment export.")
    # Their file is not ours: Import JSON refuses it and changes nothing.
    us.set_input_files("#pb-import-partner-fit", str(theirs))
    expect(us.locator(".pb-status")).to_contain_text("Nothing was imported: the file holds the partner's answers")
    expect(us.locator("input[name='champion'][value='3']")).to_be_checked()
    # A file for another checklist is named by its title, with the page to use it on.
    us.goto(site.url + "reference/checklists/joint-planning/")
    us.set_input_files("#pb-import-joint-planning", str(theirs))
    expect(us.locator(".pb-status")).to_have_text(
        "Nothing was imported. The file is for another checklist (\u201cPartner fit\u201d), not \u201cJoint planning\u201d: "
        "open the Partner fit checklist and use the file there.")

    # -- The team roll-up: the partner's file is Globex's other side, not a partnership called Contoso. -----------
    us.goto(site.url + "portfolio/")
    us.set_input_files("#pb-rollup-files", [str(mine), str(theirs)])
    expect(us.locator(".pb-rollup__status")).to_contain_text("Rolled up 2 of 2 files.")
    expect(us.locator(".pb-rollup__status")).to_contain_text("the partner's side of Globex")
    grid_rows = us.locator(".pb-rollup__grid tbody tr")
    expect(grid_rows).to_have_count(1)
    expect(grid_rows.locator("th")).to_have_text("Globex")
    cell = grid_rows.locator("td[data-pb-checklist='partner-fit']")
    expect(cell).to_contain_text("Median 61%")
    expect(cell).to_contain_text("The partner's side: 67%")
    expect(cell).to_contain_text("1 respondent")
    expect(us.locator(".pb-rollup")).not_to_contain_text("Contoso")
    # The reader can file it under another of our partnerships; a saved roll-up keeps that choice.
    people = us.locator(".pb-rollup__people")
    us.locator(".pb-rollup details.pb-fold > summary").click()
    people.locator("select").select_option("My partnership")
    expect(grid_rows).to_have_count(2)
    expect(us.locator(".pb-rollup__grid tbody tr", has_text="My partnership")).to_contain_text("The partner's side: 67%")
    expect(us.locator(".pb-rollup__grid tbody tr", has_text="Globex")).not_to_contain_text("The partner's side")
    us.get_by_role("button", name="Save this roll-up").click()
    us.reload()
    expect(us.locator(".pb-rollup__grid tbody tr", has_text="My partnership")).to_contain_text("The partner's side: 67%")
    expect(us.locator(".pb-rollup")).not_to_contain_text("Contoso")
