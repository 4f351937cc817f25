"""The partner portfolio board in Chromium (issue 11): saved data, trends, due dates, cells, exports, print, editions."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.content.audience import for_edition
from macros.content.loader import load_catalog
from macros.content.scoring import score

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
COLUMNS = [c for c in CATALOG if c.about == "partnership"]  # a checklist about a person has no column on the board
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
    page.evaluate("window.pbSamePage = true")
    page.locator("a.md-nav__link[href$='portfolio/']").first.click()
    expect(page.locator(".pb-portfolio__table")).to_have_count(1)
    assert page.evaluate("window.pbSamePage === true")  # instant navigation: the page was not loaded again
    data = CATALOG["health-check"]
    before = round(score(data, {"gathered": 1, "no-finger-pointing": 0}).overall)
    now = score(data, {"gathered": 1, "no-finger-pointing": 1})
    here = cell(page, "default", "health-check")
    expect(here.locator(".pb-portfolio__score")).to_have_text(f"{round(now.overall)}%")
    expect(here.locator(".pb-portfolio__band")).to_have_text(now.band.label)
    expect(here.locator(".pb-portfolio__trend")).to_contain_text(
        f"up {round(now.overall) - before} points since the review of 2026-11-23")
    # Answers changed after the snapshot are not a review: the cell says so in words.
    expect(here.locator(".pb-portfolio__date")).to_have_text("Not yet saved as a review: answers changed since 2026-11-23")
    expect(here.locator(".pb-portfolio__changed")).to_be_visible()
    expect(page.locator(".pb-portfolio__next li")).to_have_text(
        "Partnership health check for My partnership: Next review by 2027-02-21 (last review 2026-11-23)")
    # The other checklists are empty cells that offer to start them.
    expect(page.locator("tr[data-pb-partnership='default'] .pb-portfolio__start")).to_have_count(len(COLUMNS) - 1)


# A portfolio as the checklist pages save it (see compare.js and playbook.js for the keys and shapes).
HOSTILE = "Acme <img src=x>"
SEED = {
    "pb:partnerships": {"current": "default", "list": [
        {"id": "default", "name": "My partnership"}, {"id": "acme", "name": HOSTILE},
        {"id": "globex", "name": "Globex"}, {"id": "initech", "name": "Initech"}]},
    # health-check, every 90 days. Acme: two reviews, answers as last saved; overdue since 2026-10-30.
    "pb:history:health-check:acme": [{"date": "2026-05-01T09:00:00Z", "answers": {"gathered": 0}},
                                     {"date": "2026-08-01T09:00:00Z", "answers": {"gathered": 1, "no-finger-pointing": 1}}],
    "pb:checklist:health-check:acme": {"answers": {"gathered": 1, "no-finger-pointing": 1}},
    # Globex: reviewed 2026-09-01 at 100%, answers changed since to 0%; due 2026-11-30, in 7 days.
    "pb:history:health-check:globex": [{"date": "2026-09-01T09:00:00Z", "answers": {"gathered": 1}}],
    "pb:checklist:health-check:globex": {"answers": {"gathered": 0}},
    # Initech: answers, never saved as a review: due now.
    "pb:checklist:health-check:initech": {"answers": {"gathered": 1, "right-thing": 0}},
    # My partnership (the default one, saved without a suffix): reviewed 2026-11-01, next review 2027-01-30.
    "pb:history:health-check:default": [{"date": "2026-11-01T09:00:00Z", "answers": {"gathered": 1}}],
    "pb:checklist:health-check": {"answers": {"gathered": 1}},
    # joint-planning (no rhythm): two reviews with the same score, no answers held now.
    "pb:history:joint-planning:globex": [{"date": "2026-10-01T09:00:00Z", "answers": {"their-interests": 2}},
                                         {"date": "2026-11-01T09:00:00Z", "answers": {"their-interests": 2}}],
    # partner-fit: answers only.
    "pb:checklist:partner-fit:acme": {"answers": {"champion": 3, "champion-authority": 1}},
}


def seed(page: Page, site, data: dict = SEED) -> None:
    page.goto(site.url)
    page.evaluate("d => { localStorage.clear(); for (const k in d) localStorage.setItem(k, JSON.stringify(d[k])); }", data)
    page.goto(site.url + "portfolio/")
    expect(page.locator(".pb-portfolio__table")).to_have_count(1)


def test_trends_reviews_due_dates_and_what_is_due_next(board: Page, site) -> None:
    page = board
    seed(page, site)
    acme, globex = cell(page, "acme", "health-check"), cell(page, "globex", "health-check")
    expect(acme.locator(".pb-portfolio__score")).to_have_text("100%")
    expect(acme).to_have_class("pb-portfolio__cell pb-band--4 pb-portfolio__cell--overdue")
    expect(acme.locator(".pb-portfolio__trend")).to_have_text("\u2191 up 100 points since the review of 2026-05-01")
    expect(acme.locator(".pb-portfolio__date")).to_have_text("Reviewed 2026-08-01")
    # A score from part of the checklist does not look final.
    total = len(CATALOG["health-check"].items)
    expect(acme.locator(".pb-portfolio__partial")).to_have_text(f"2 of {total} answered")
    expect(acme.locator(".pb-portfolio__changed")).to_have_count(0)
    expect(acme.locator(".pb-portfolio__due")).to_have_text("Overdue by 24 days")
    expect(globex.locator(".pb-portfolio__score")).to_have_text("0%")
    expect(globex).to_have_class("pb-portfolio__cell pb-band--0 pb-portfolio__cell--soon")
    expect(globex.locator(".pb-portfolio__band")).to_have_text("At risk")
    expect(globex.locator(".pb-portfolio__trend")).to_have_attribute("data-pb-trend", "down")
    expect(globex.locator(".pb-portfolio__trend")).to_contain_text("down 100 points since the review of 2026-09-01")
    expect(globex.locator(".pb-portfolio__changed")).to_have_text(
        "Not yet saved as a review: answers changed since 2026-09-01")
    expect(globex.locator(".pb-portfolio__due")).to_have_text("Due in 7 days")
    # A filled cell is a link named like the Start links, and looks like one.
    expect(globex.locator("a")).to_have_accessible_name(re.compile(r"^Open Partnership health check for Globex: 0%"))
    assert "underline" in globex.locator(".pb-portfolio__score").evaluate("e => getComputedStyle(e).textDecorationLine")
    expect(cell(page, "initech", "health-check").locator(".pb-portfolio__due")).to_have_text("Due now: no review saved")
    mine = cell(page, "default", "health-check")
    expect(mine.locator(".pb-portfolio__trend")).to_have_count(0)  # one review: nothing to compare with
    expect(mine.locator(".pb-portfolio__due")).to_have_text("Next review by 2027-01-30")  # not due for a while
    expect(mine).to_have_class("pb-portfolio__cell pb-band--4")
    same = cell(page, "globex", "joint-planning")
    expect(same.locator(".pb-portfolio__trend")).to_have_text("\u2192 no change since the review of 2026-10-01")
    expect(same.locator(".pb-portfolio__date")).to_have_text("Reviewed 2026-11-01")
    expect(cell(page, "acme", "partner-fit").locator(".pb-portfolio__date")).to_have_text("No review saved")
    expect(cell(page, "acme", "partner-fit").locator(".pb-portfolio__due")).to_have_count(0)  # no rhythm
    expect(cell(page, "initech", "partner-fit").locator(".pb-portfolio__start")).to_have_text("Start")
    expect(page.locator(".pb-portfolio__next li")).to_have_text([
        f"Partnership health check for {HOSTILE}: Overdue by 24 days (last review 2026-08-01)",
        "Partnership health check for Initech: Due now: no review saved",
        "Partnership health check for Globex: Due in 7 days (last review 2026-09-01)",
        "Partnership health check for My partnership: Next review by 2027-01-30 (last review 2026-11-01)"])
    expect(page.locator(".pb-portfolio__next li[data-pb-status='overdue']")).to_have_count(1)
    # Names from storage are text, never markup.
    expect(page.locator("tr[data-pb-partnership='acme'] .pb-portfolio__name")).to_have_text(HOSTILE)
    assert page.locator(".pb-portfolio img").count() == 0
    # A day later (the clock moves): overdue by one more day, drawn again on return.
    page.clock.set_fixed_time("2026-11-24T12:00:00Z")
    page.reload()
    expect(cell(page, "acme", "health-check").locator(".pb-portfolio__due")).to_have_text("Overdue by 25 days")


def test_sections_expand_by_keyboard_and_cells_open_the_right_checklist_and_partnership(board: Page, site) -> None:
    page = board
    seed(page, site)
    toggle = page.locator("tr[data-pb-partnership='acme'] .pb-portfolio__expand")
    expect(toggle).to_have_accessible_name(f"Sections of {HOSTILE}")
    sections = page.locator("#" + toggle.get_attribute("aria-controls"))
    expect(sections).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(sections.locator("td[data-pb-checklist='health-check'] li")).to_have_text(
        ["Behaviour under stress: 100%", "Fair price and favours: no score", "Shared future and end user: no score"])
    # Another tab made Globex current meanwhile: the cell's link still opens Acme.
    page.evaluate("() => { const r = JSON.parse(localStorage.getItem('pb:partnerships')); r.current = 'globex';"
                  " localStorage.setItem('pb:partnerships', JSON.stringify(r)); }")
    cell(page, "acme", "partner-fit").locator("a").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".pb-live__score")).to_contain_text("Overall score")
    assert page.url == site.url + "reference/checklists/partner-fit/"  # the partnership left the address
    expect(page.locator("select.pb-partnership option:checked")).to_have_text(HOSTILE)
    expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
    # An empty cell starts that checklist for that partnership.
    page.go_back()
    cell(page, "initech", "win-win-readiness").get_by_role("link", name="Start Win-win readiness for Initech").click()
    expect(page.locator(".pb-live__score")).to_have_text("No score yet: answer at least one item.")
    expect(page.locator("select.pb-partnership option:checked")).to_have_text("Initech")
    page.locator("input[name='gains-mapped'][value='3']").check()
    page.go_back()
    expect(cell(page, "initech", "win-win-readiness").locator(".pb-portfolio__score")).to_have_text("100%")
    # Back and forth by instant navigation: one board, mounted once.
    expect(page.locator(".pb-portfolio__board")).to_have_count(1)
    assert page.evaluate("document.querySelectorAll('script[src$=\"portfolio.js\"]').length") == 1


def test_csv_and_svg_exports_and_print_on_one_landscape_page(board: Page, site, tmp_path: Path) -> None:
    import csv
    import xml.etree.ElementTree as ET

    from pypdf import PdfReader
    from conftest import choose

    page = board
    seed(page, site)
    with page.expect_download() as info:
        choose(page, "Export the board", "Export CSV")
    assert info.value.suggested_filename == "portfolio-2026-11-23.csv"
    info.value.save_as(tmp_path / "board.csv")
    rows = list(csv.DictReader((tmp_path / "board.csv").open(newline="", encoding="utf-8")))
    assert len(rows) == 4 * len(COLUMNS)
    acme = next(r for r in rows if r["partnership"] == HOSTILE and r["checklist_id"] == "health-check")
    assert acme | {"sections": ""} == {
        "partnership": HOSTILE, "checklist_id": "health-check", "checklist": "Partnership health check", "version": str(CATALOG["health-check"].version),
        "score": "100", "result": "Healthy", "answered": "2", "items": str(len(CATALOG["health-check"].items)), "change": "100", "previous_score": "0", "last_review": "2026-08-01",
        "changed_since_review": "no", "review_every_days": "90", "next_review": "2026-10-30",
        "review_status": "overdue", "sections": ""}
    assert acme["sections"].startswith("Behaviour under stress 100%; Fair price and favours no score")
    globex = next(r for r in rows if r["partnership"] == "Globex" and r["checklist_id"] == "health-check")
    assert (globex["change"], globex["changed_since_review"], globex["review_status"]) == ("-100", "yes", "due soon")
    empty = next(r for r in rows if r["partnership"] == "Initech" and r["checklist_id"] == "partner-fit")
    assert (empty["score"], empty["result"], empty["answered"], empty["review_status"]) == ("", "not started", "", "")

    with page.expect_download() as info:
        choose(page, "Export the board", "Export SVG picture")
    info.value.save_as(tmp_path / "board.svg")
    picture = ET.parse(tmp_path / "board.svg").getroot()  # well-formed: names are escaped
    svg = "{http://www.w3.org/2000/svg}"
    assert picture.tag == f"{svg}svg" and picture.find(f"{svg}title").text == "Partner portfolio, 2026-11-23"
    texts = [" ".join(t.itertext()) for t in picture.iter(f"{svg}text")]  # wrapped lines are tspans
    words = " ".join(texts)
    assert HOSTILE in texts and "100% Healthy" in texts and "Overdue by 24 days" in words
    assert "\u2193 down 100 points since the review of 2026-09-01" in words
    assert "Not yet saved as a review: answers changed since 2026-09-01" in words
    assert f"2 of {len(CATALOG['health-check'].items)} answered" in words
    assert "Partnership health check (every 90 days)" in " ".join(texts)
    fills = [r.get("fill") for r in picture.iter(f"{svg}rect")]
    assert fills.count("#cde9d3") >= 2 and fills.count("#f9d4d4") >= 1 and "#f2f2f2" in fills

    # Printed: the board without its buttons, on one landscape page.
    page.emulate_media(media="print")
    expect(page.locator(".pb-portfolio__tools")).to_be_hidden()
    expect(page.locator(".pb-portfolio__start").first).to_be_hidden()  # nothing to click on paper
    expect(page.locator(".pb-portfolio__trend").first).to_be_visible()
    page.pdf(path=str(tmp_path / "board.pdf"), prefer_css_page_size=True, print_background=True)
    pdf = PdfReader(tmp_path / "board.pdf")
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert box.width > box.height
    text = pdf.pages[0].extract_text()
    assert "Overdue by 24 days" in text and "Initech" in text


def test_phone_the_table_scrolls_in_its_own_box(board: Page, site) -> None:
    page = board
    page.set_viewport_size({"width": 390, "height": 844})
    seed(page, site)
    box = page.locator(".pb-portfolio__scroll")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    # While more is to the right, the right edge fades (it shows the box scrolls); at the end it does not.
    fade = "e => getComputedStyle(e).getPropertyValue('--pb-more')"
    assert float(box.evaluate(fade).removesuffix("px")) > 20
    assert "var(--pb-more)" in box.evaluate("e => getComputedStyle(e).maskImage") or box.evaluate(
        "e => getComputedStyle(e).maskImage").startswith("linear-gradient")
    box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    page.wait_for_function("e => getComputedStyle(e).getPropertyValue('--pb-more') === '0px'", arg=box.element_handle())
    # The caption wraps on the screen instead of running past its right edge.
    box.evaluate("e => { e.scrollLeft = 0; }")
    caption = page.locator("caption").evaluate("e => [e.getBoundingClientRect().right, e.getBoundingClientRect().height]")
    assert caption[0] <= 390 and caption[1] > 30, caption
    expect(box).to_have_attribute("tabindex", "0")  # reachable and scrollable by keyboard
    expect(box).to_have_accessible_name(page.locator("caption").text_content())


def test_partner_edition_board_lists_only_partner_checklists(browser: Browser, public_site) -> None:
    context = browser.new_context()
    page = context.new_page()
    seed(page, public_site, {"pb:checklist:health-check": {"answers": {"gathered": 1, "escalation-contacts": 0}}})
    public = for_edition(CATALOG, "public")
    titles = page.locator(".pb-portfolio__table thead th[data-pb-checklist] a").all_inner_texts()
    assert titles == [c.title for c in public if c.about == "partnership"]
    # The internal item's answer is not the partner's: the score is the partner edition's.
    assert "escalation-contacts" not in {i.id for i in public["health-check"].items}
    expect(cell(page, "default", "health-check").locator(".pb-portfolio__score")).to_have_text(
        f"{round(score(public['health-check'], {'gathered': 1}).overall)}%")
    context.close()


def test_board_follows_another_tab_and_works_without_storage_or_javascript(browser: Browser, site) -> None:
    context = browser.new_context()
    board, checklist = context.new_page(), context.new_page()
    board.goto(site.url + "portfolio/")
    checklist.goto(site.url + "reference/checklists/health-check/")
    expect(cell(board, "default", "health-check").locator(".pb-portfolio__start")).to_be_visible()
    expect(board.locator(".pb-portfolio__empty")).to_contain_text("Nothing is assessed in this browser yet")
    cell(board, "default", "health-check").locator("a").focus()
    checklist.locator("input[name='gathered'][value='1']").check()  # in the other tab: the board redraws
    expect(cell(board, "default", "health-check").locator(".pb-portfolio__score")).to_have_text("100%")
    expect(cell(board, "default", "health-check").locator("a")).to_be_focused()  # keyboard focus kept
    expect(board.locator(".pb-portfolio__empty")).to_be_hidden()
    # A new row from the board: added to the list the checklist pages keep; the current partnership stays.
    board.once("dialog", lambda d: d.accept("Hooli"))
    board.get_by_role("button", name="New partnership").click()
    expect(board.locator("tbody th .pb-portfolio__name")).to_have_text(["My partnership", "Hooli"])
    expect(checklist.locator("select.pb-partnership option")).to_have_text(["My partnership", "Hooli"])
    expect(checklist.locator("select.pb-partnership option:checked")).to_have_text("My partnership")
    errors: list[str] = []
    blocked = context.new_page()
    blocked.on("pageerror", lambda e: errors.append(str(e)))
    blocked.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})")
    blocked.goto(site.url + "portfolio/")
    expect(blocked.locator(".pb-portfolio .pb-status")).to_contain_text("not letting this page read stored data")
    expect(blocked.locator(".pb-portfolio__checklists a")).to_have_count(len(COLUMNS))
    expect(blocked.locator(".pb-portfolio__checklists")).to_be_visible()
    expect(blocked.locator(".pb-portfolio__empty")).to_be_hidden()
    assert not [e for e in errors if "portfolio" in e], errors
    context.close()
    # Without JavaScript: what the board is, and every checklist about a partnership as a link.
    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(site.url + "portfolio/")
    expect(page.locator(".pb-portfolio__nojs")).to_contain_text("needs JavaScript")
    links = page.locator(".pb-portfolio__checklists a")
    expect(links).to_have_text([c.title for c in COLUMNS])
    expect(page.locator(".pb-portfolio__checklists")).to_contain_text("(review every 90 days)")
    plain.close()


def test_days_are_counted_in_the_readers_time_zone(browser: Browser, site) -> None:
    """In Auckland it is already 2026-11-24: a review due on 2026-11-23 is a day overdue there."""
    context = browser.new_context(timezone_id="Pacific/Auckland")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    seed(page, site, {"pb:history:health-check:default": [{"date": "2026-08-25T10:00:00Z", "answers": {"gathered": 1}}]})
    here = cell(page, "default", "health-check")
    expect(here.locator(".pb-portfolio__date")).to_have_text("Reviewed 2026-08-25")
    expect(here.locator(".pb-portfolio__due")).to_have_text("Overdue by 1 day")
    expect(page.locator("caption")).to_contain_text("Partner portfolio on 2026-11-24")
    context.close()


def test_one_review_shows_one_local_day_on_the_checklist_the_board_and_the_roll_up(browser: Browser, site,
                                                                                     tmp_path: Path) -> None:
    """09:00 on 2 May in Auckland is still 1 May in UTC: history, board and roll-up all say the reader's 2 May."""
    context = browser.new_context(timezone_id="Pacific/Auckland")
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.clock.set_fixed_time("2026-05-01T21:00:00Z")
    page.goto(site.url)
    page.evaluate("localStorage.clear()")
    page.goto(site.url + "reference/checklists/health-check/")
    page.locator("input[name='gathered'][value='1']").check()
    page.locator(".pb-compare > summary").click()
    page.get_by_role("button", name="Save snapshot").click()
    expect(page.locator(".pb-trend > p")).to_have_text("1 snapshot, 2026-05-02 to 2026-05-02.")
    # What is kept stays the UTC instant; only what is shown is the reader's day.
    kept = page.evaluate("JSON.parse(localStorage.getItem('pb:history:health-check:default'))")
    assert [s["date"] for s in kept] == ["2026-05-01T21:00:00.000Z"]
    page.goto(site.url + "portfolio/")
    here = cell(page, "default", "health-check")
    expect(here.locator(".pb-portfolio__date")).to_have_text("Reviewed 2026-05-02")
    doc = {"format": "partnership-playbook/assessment", "formatVersion": 2, "checklist": {"id": "health-check", "version": 1},
           "exported": "2026-05-01T21:00:00.000Z", "partnership": "Globex", "respondent": "Ann", "answers": {"gathered": 1},
           "notes": {}}
    (tmp_path / "ann.json").write_text(json.dumps(doc))
    page.set_input_files("#pb-rollup-files", str(tmp_path / "ann.json"))
    expect(page.locator(".pb-rollup__people tr").filter(has_text="Ann")).to_contain_text("2026-05-02")
    assert page.errors == [], page.errors  # type: ignore[attr-defined]
    context.close()


# -- What a reader hit on first use (polish) ---------------------------------------------------------------
TWO = {"pb:partnerships": {"current": "default", "list": [
    {"id": "default", "name": "My partnership"}, {"id": "acme", "name": "Acme Logistics"}]}}


def test_a_checklist_page_names_the_partnership_at_the_top_and_in_the_bar(board: Page, site) -> None:
    page = board
    page.goto(site.url + "reference/checklists/health-check/")
    expect(page.locator(".pb-for")).to_be_hidden()  # one unnamed partnership: nothing to tell apart
    seed(page, site, TWO)
    page.goto(site.url + "reference/checklists/health-check/?partnership=acme")
    total = len(CATALOG["health-check"].items)
    expect(page.locator(".pb-for")).to_have_text("Partnership: Acme Logistics")
    expect(page.locator(".pb-bar")).to_contain_text(f"Acme Logistics: 0 of {total} answered")
    page.locator("select.pb-partnership").select_option("default")  # open by itself: two partnerships
    expect(page.locator(".pb-for")).to_have_text("Partnership: My partnership")
    other = page.context.new_page()  # another tab renames it
    other.goto(site.url)
    other.evaluate("() => { const r = JSON.parse(localStorage.getItem('pb:partnerships')); r.list[0].name = 'Globex';"
                   " localStorage.setItem('pb:partnerships', JSON.stringify(r)); }")
    expect(page.locator(".pb-bar")).to_contain_text(f"Globex: 0 of {total} answered")
    other.close()


def test_the_board_is_found_from_the_home_page_and_from_every_checklist(board: Page, site, public_site) -> None:
    page = board
    page.goto(site.url)
    page.locator("article").get_by_role("link", name="partner portfolio").first.click()
    expect(page.locator(".pb-portfolio__table")).to_have_count(1)
    page.goto(site.url + "reference/checklists/partner-fit/")
    page.get_by_role("link", name="See all your partnerships on the partner portfolio").click()
    expect(page.locator(".pb-portfolio__table")).to_have_count(1)
    assert page.url == site.url + "portfolio/"
    # The partner edition: the home page and its checklist pages link to its own board (tests/test_links.py
    # resolves every link of both editions and of the file:// bundle).
    for path, href in (("index.html", "portfolio/"), ("reference/checklists/health-check/index.html", "../../../portfolio/")):
        html = public_site.page(path)
        assert f'href="{href}"' in html and "partner portfolio" in html, path


def _contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two computed colours, 'rgb(r, g, b)'."""
    def lum(css: str) -> float:
        r, g, b = (int(float(v)) / 255 for v in css[css.index("(") + 1:css.index(")")].split(",")[:3])
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_hovered_and_focused_buttons_keep_their_text_readable_in_both_schemes(board: Page, site) -> None:
    page = board
    page.goto(site.url + "reference/checklists/health-check/")
    page.locator(".pb-compare > summary").click()
    more, snapshot = page.locator(".pb-tools .pb-menu > .md-button").last, page.get_by_role("button", name="Save snapshot")
    colours = "e => { const s = getComputedStyle(e); return [s.color, s.backgroundColor]; }"
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        more.hover()
        page.wait_for_timeout(300)  # Material's colour transition
        fg, bg = more.evaluate(colours)
        assert _contrast(fg, bg) >= 4.5, (scheme, "hover", fg, bg)
        snapshot.focus()
        page.wait_for_timeout(300)
        fg, bg = snapshot.evaluate(colours)
        assert _contrast(fg, bg) >= 4.5, (scheme, "focus", fg, bg)


def test_rename_and_delete_a_partnership_from_its_row(board: Page, site) -> None:
    page = board
    seed(page, site)
    dialogs: list[str] = []

    def reply(dialog, answer: str) -> None:
        dialogs.append(dialog.message)
        dialog.accept(answer) if dialog.type == "prompt" else dialog.accept()

    page.once("dialog", lambda d: reply(d, "Initech Group"))
    page.get_by_role("button", name="More actions for Initech").click()
    # The last row's menu is whole where it opens: the table's scroll box neither cuts it off nor scrolls up and down
    # to show it (a point on each entry finds the entry itself), on a wide screen and on a phone.
    box = page.locator(".pb-portfolio__scroll")
    for width in (1200, 390):
        page.set_viewport_size({"width": width, "height": 800})
        assert box.evaluate("e => e.scrollHeight <= e.clientHeight && e.scrollTop === 0"), width
        page.get_by_role("button", name="More actions for Initech").evaluate("e => e.scrollIntoView({block: 'center'})")
        for name in ("Rename", "Delete"):
            entry = page.get_by_role("menuitem", name=name)
            assert entry.evaluate("e => { const r = e.getBoundingClientRect();"
                                  " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height - 2) === e; }"), (width, name)
    page.get_by_role("menuitem", name="Rename").click()
    expect(page.locator("tr[data-pb-partnership='initech'] .pb-portfolio__name")).to_have_text("Initech Group")
    expect(page.locator(".pb-portfolio .pb-status")).to_have_text("Renamed \u201cInitech\u201d to \u201cInitech Group\u201d.")
    # Deleting asks first, says what goes, and takes the answers and history of every checklist with it.
    page.once("dialog", lambda d: reply(d, ""))
    page.get_by_role("button", name=f"More actions for {HOSTILE}").click()
    page.get_by_role("menuitem", name="Delete").click()
    assert "answers and history on every checklist" in dialogs[-1] and HOSTILE in dialogs[-1]
    expect(page.locator("tr[data-pb-partnership='acme']")).to_have_count(0)
    keys = page.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k.endswith(":acme")], keys
    assert "pb:history:health-check:globex" in keys and "pb:checklist:health-check" in keys
    names = page.evaluate("JSON.parse(localStorage.getItem('pb:partnerships')).list.map(p => p.name)")
    assert names == ["My partnership", "Globex", "Initech Group"]


def test_history_counts_snapshots_in_words_and_its_table_is_spaced(board: Page, site) -> None:
    page = board
    page.goto(site.url + "reference/checklists/health-check/")
    page.locator("input[name='gathered'][value='1']").check()
    page.locator(".pb-compare > summary").click()
    page.get_by_role("button", name="Save snapshot").click()
    expect(page.locator(".pb-trend > p")).to_have_text("1 snapshot, 2026-11-23 to 2026-11-23.")
    first = page.locator(".pb-trend__table td").first
    assert first.evaluate("e => parseFloat(getComputedStyle(e).paddingRight)") >= 8
    # "100%100%" no more: the cells' texts stand apart on screen.
    latest, trend = page.locator(".pb-trend__table tr[data-pb-section] td").nth(2), page.locator(
        ".pb-trend__table tr[data-pb-section] td").nth(3)
    gap = page.evaluate("([a, b]) => { const r = document.createRange(), t = document.createRange();"
                        " r.selectNodeContents(a); t.selectNodeContents(b);"
                        " return t.getBoundingClientRect().left - r.getBoundingClientRect().right; }",
                        [latest.element_handle(), trend.element_handle()])
    assert gap >= 8, gap


def test_a_link_to_an_unknown_partnership_says_so_and_new_partnership_says_what_happened(board: Page, site) -> None:
    page = board
    page.goto(site.url + "reference/checklists/health-check/?partnership=p-gone")
    expect(page.locator("form .pb-storage-warning[role=alert]")).to_have_text(
        "The partnership this link names (p-gone) was not found in this browser; it may have been deleted or kept in "
        "another browser. Showing My partnership instead.")
    page.locator("input[name='gathered'][value='1']").check()
    page.locator(".pb-compare > summary").click()
    page.once("dialog", lambda d: d.accept("Hooli"))
    page.get_by_role("button", name="New partnership").click()
    expect(page.locator(".pb-partnership-bar__status")).to_have_text(
        "Started a new partnership: Hooli. Your answers for My partnership are kept; choose it above to go back.")
    expect(page.locator("input[name='gathered'][value='1']")).not_to_be_checked()
