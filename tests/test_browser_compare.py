"""Two partners compare one assessment; partnerships, snapshots, trend and hostile files (issue 5)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import choose
from playwright.sync_api import Browser, Page, expect

from macros.content.loader import load_catalog
from macros.content.scoring import score

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
URL = "reference/checklists/partner-fit/"


def partner(browser: Browser, site) -> Page:
    """One side in its own browser context, with dialogs and errors recorded."""
    page = browser.new_context(accept_downloads=True).new_page()
    page.dialogs, page.errors = [], []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.type), d.accept(page.reply)  # type: ignore[attr-defined]
                                 if d.type == "prompt" else d.accept()))
    page.reply = ""  # type: ignore[attr-defined]
    page.goto(site.url + URL)
    expect(page.locator(".pb-compare")).to_have_count(1)
    page.locator(".pb-compare > summary").click()  # folded away until asked for
    return page



def answer(page: Page, answers: dict[str, str]) -> None:
    for item, value in answers.items():
        page.locator(f"input[name='{item}'][value='{value}']").check()


def export(page: Page, tmp_path: Path, name: str) -> Path:
    with page.expect_download() as info:
        choose(page, "Export", "Export JSON")
    path = tmp_path / name
    info.value.save_as(path)
    return path


def saved(page: Page) -> dict:
    return page.evaluate("Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


@pytest.fixture
def sides(browser: Browser, site):
    a, b = partner(browser, site), partner(browser, site)
    yield a, b
    for p in (a, b):
        assert p.errors == [], p.errors
        p.context.close()


def test_two_partners_compare_agreement_gaps_blind_spots_scores_chart(sides, tmp_path: Path) -> None:
    us, them = sides
    mine = {"champion": "3", "champion-authority": "0", "written-criteria": "2"}
    theirs = {"champion": "3", "champion-authority": "3", "complementary": "1"}
    answer(us, mine)
    answer(them, theirs)
    them.locator(".pb-item[data-pb-item='champion'] summary").click()
    them.fill("textarea[name='champion--note']", "Signed off <img src=x onerror=alert(1)>")
    file = export(them, tmp_path, "theirs.json")
    us.fill("#pb-ours-partner-fit", "Acme")
    us.fill("#pb-theirs-partner-fit", "Globex")
    us.set_input_files("#pb-other-partner-fit", str(file))
    agenda = us.locator(".pb-agenda li")
    expect(agenda).to_have_count(3)
    # Largest gap first (100 points), then blind spots, heavier item first.
    expect(agenda.nth(0)).to_contain_text("The partner's champion has the authority")
    expect(agenda.nth(0)).to_contain_text("Gap of 100 points")
    expect(agenda.nth(1)).to_contain_text("Blind spot: only Acme answered")
    expect(agenda.nth(1)).to_contain_text("partner criteria")
    expect(agenda.nth(2)).to_contain_text("Blind spot: only Globex answered")
    assert agenda.nth(0).locator("a").get_attribute("href").endswith("#who-the-champion")
    expect(us.locator(".pb-compare__result")).to_contain_text("1 item agrees.")
    data = CATALOG["partner-fit"]
    a = score(data, {k: int(v) for k, v in mine.items()}).overall
    b = score(data, {k: int(v) for k, v in theirs.items()}).overall
    expect(us.locator(".pb-compare__scores")).to_contain_text(f"Acme: {round(a)}%; Globex: {round(b)}%; combined:")
    chart = us.locator("svg.pb-chart--compare")
    expect(chart).to_have_attribute("role", "img")
    assert "Acme" in chart.get_attribute("aria-label")
    assert chart.locator("rect.pb-chart__bar--other").count() == len(data.sections)
    # Side by side: every item the partner was asked (internal ones are apart), both answers, the status and
    # their note as text.
    table = us.locator("table.pb-compare__table")
    shared = sum(1 for i in data.items if i.audience != "internal")
    expect(table.locator("tr[data-pb-item]")).to_have_count(shared)
    expect(table.locator("th").nth(1)).to_have_text("Acme")
    champion = table.locator("tr[data-pb-item='champion'] td")
    three = next(point.label for point in data.points if point.value == 3)
    expect(champion.nth(1)).to_have_text(three)
    expect(champion.nth(2)).to_have_text(three)
    expect(champion.nth(3)).to_have_text("Agree")
    expect(champion.nth(4)).to_have_text("Signed off <img src=x onerror=alert(1)>")
    expect(table.locator("tr[data-pb-item='champion-authority']")).to_have_attribute("data-pb-kind", "Gap")
    expect(table.locator("tr[data-pb-item='complementary']")).to_have_attribute("data-pb-kind", "Blind spot")
    assert table.locator("img").count() == 0
    unanswered = table.locator("tr[data-pb-kind='Unanswered']")
    expect(unanswered).to_have_count(shared - 4)
    # The user sets the threshold: a 33-point gap counts only when the threshold is at most 33.
    answer(us, {"champion-authority": "2"})
    expect(agenda.nth(0)).to_contain_text("Gap of 33 points")
    us.fill("#pb-threshold-partner-fit", "50")
    expect(agenda).to_have_count(2)
    expect(us.locator(".pb-compare__result")).to_contain_text("2 items agree.")
    # The names chosen for the two sides are kept with the partnership.
    us.locator("#pb-theirs-partner-fit").dispatch_event("change")
    us.locator("#pb-ours-partner-fit").dispatch_event("change")
    us.reload()
    us.locator(".pb-compare > summary").click()  # one partnership, no snapshot: folded, its contents come on opening
    expect(us.locator("#pb-ours-partner-fit")).to_have_value("Acme")
    expect(us.locator("#pb-theirs-partner-fit")).to_have_value("Globex")


def test_partnerships_create_rename_switch_delete_keep_answers_apart(sides) -> None:
    us, _ = sides
    answer(us, {"champion": "3"})
    us.reply = "Globex"  # type: ignore[attr-defined]
    us.get_by_role("button", name="New partnership").click()
    picker = us.locator("select.pb-partnership")
    expect(picker.locator("option:checked")).to_have_text("Globex")
    expect(us.locator("input[name='champion'][value='3']")).not_to_be_checked()
    answer(us, {"champion": "1"})
    us.reply = "Globex Ltd"  # type: ignore[attr-defined]
    choose(us, "More partnership actions", "Rename")
    expect(picker.locator("option:checked")).to_have_text("Globex Ltd")
    picker.select_option(label="My partnership")
    expect(us.locator("input[name='champion'][value='3']")).to_be_checked()
    us.reload()
    expect(us.locator("input[name='champion'][value='3']")).to_be_checked()
    picker.select_option(label="Globex Ltd")
    expect(us.locator("input[name='champion'][value='1']")).to_be_checked()
    choose(us, "More partnership actions", "Delete")
    assert "confirm" in us.dialogs  # type: ignore[attr-defined]
    expect(picker.locator("option")).to_have_count(1)
    expect(us.locator("input[name='champion'][value='3']")).to_be_checked()
    assert not any(k.startswith("pb:checklist:partner-fit:") for k in saved(us))


def test_snapshots_trend_and_history_export_import(sides, tmp_path: Path) -> None:
    us, them = sides
    answer(us, {"champion": "0", "written-criteria": "3"})
    us.get_by_role("button", name="Save snapshot").click()
    answer(us, {"champion": "3", "written-criteria": "3"})
    us.get_by_role("button", name="Save snapshot").click()
    rows = us.locator(".pb-trend__table tr[data-pb-section]")
    expect(us.locator("tr[data-pb-section='who'] td").nth(3)).to_have_text("improving")
    expect(us.locator("tr[data-pb-section='ideal'] td").nth(3)).to_have_text("stable")
    assert rows.count() == len(CATALOG["partner-fit"].sections)
    expect(us.locator("svg.pb-chart--trend polyline")).to_have_count(2)
    with us.expect_download() as info:
        choose(us, "More history actions", "Export history")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    doc = json.loads(path.read_text())
    assert doc["format"] == "partnership-playbook/history" and len(doc["snapshots"]) == 2
    assert doc["snapshots"][1]["answers"] == {"champion": 3, "written-criteria": 3}
    them.set_input_files("#pb-history-file-partner-fit", str(path))
    expect(them.locator(".pb-compare__status")).to_have_text("Imported 2 snapshots.")
    expect(them.locator("tr[data-pb-section='who'] td").nth(3)).to_have_text("improving")
    # Importing merges by date: what is already saved is kept, nothing is doubled.
    them.get_by_role("button", name="Save snapshot").click()
    them.set_input_files("#pb-history-file-partner-fit", str(path))
    expect(them.locator(".pb-compare__status")).to_have_text("Imported 0 snapshots; 2 were already here.")
    expect(them.locator(".pb-trend")).to_contain_text("3 snapshots")
    # On a phone the chart is drawn for the phone: its labels as large as the results chart's (they were 9 px high).
    them.set_viewport_size({"width": 390, "height": 844})
    them.reload()
    label = them.locator("svg.pb-chart--trend text").first
    expect(label).to_be_visible()
    assert label.evaluate("e => e.getBoundingClientRect().height") >= 12
    assert them.evaluate("document.documentElement.scrollWidth") <= 390


BAD = [
    ("not-json.json", "The file is not JSON"),
    ("wrong-types.json", "wrong type"),
    ("unknown-checklist.json", "for another checklist"),
    ("out-of-range.json", "answers this checklist does not allow: champion, champion-authority"),
    ("side-unknown.json", 'The side must be "partner" or left out, not <b id=injected>ours</b>.'),
]


@pytest.mark.parametrize(("name", "message"), BAD)
def test_bad_partner_file_is_refused_and_changes_nothing(sides, name: str, message: str) -> None:
    us, _ = sides
    answer(us, {"champion": "2"})
    before = saved(us)
    us.set_input_files("#pb-other-partner-fit", str(HOSTILE / name))
    expect(us.locator(".pb-compare__status")).to_contain_text(message)
    expect(us.locator(".pb-compare__status")).to_have_attribute("role", "alert")
    expect(us.locator(".pb-agenda")).to_have_count(0)
    assert saved(us) == before
    assert us.locator("img, script:not([src]):not([type]), b#injected").count() == us.evaluate(
        "document.querySelectorAll('img, script:not([src]):not([type])').length")
    assert us.dialogs == []  # type: ignore[attr-defined]


def test_other_version_is_mapped_by_item_id_and_markup_stays_text(sides) -> None:
    us, _ = sides
    images = us.locator("img").count()
    us.set_input_files("#pb-other-partner-fit", str(HOSTILE / "other-version.json"))
    status = us.locator(".pb-compare__status")
    expect(status).to_contain_text("version 2")
    expect(status).to_contain_text("<b id=injected>x</b>, retired-item")
    expect(us.locator(".pb-agenda li")).to_have_count(1)  # champion, answered by them only
    assert us.locator("#injected").count() == 0 and us.locator("img").count() == images
    assert us.dialogs == []  # type: ignore[attr-defined]


def test_bad_history_file_and_oversize_file_change_nothing(sides, tmp_path: Path) -> None:
    us, _ = sides
    answer(us, {"champion": "2"})
    us.get_by_role("button", name="Save snapshot").click()
    before = saved(us)
    us.set_input_files("#pb-history-file-partner-fit", str(HOSTILE / "history-markup.json"))
    expect(us.locator(".pb-compare__status")).to_contain_text("bad date or answer; nothing was imported")
    us.set_input_files("#pb-history-file-partner-fit", str(HOSTILE / "not-json.json"))
    expect(us.locator(".pb-compare__status")).to_contain_text("history file is not JSON")
    big = tmp_path / "big.json"
    big.write_text('{"format": "partnership-playbook/assessment", "pad": "' + "x" * 1_100_000 + '"}')
    us.set_input_files("#pb-other-partner-fit", str(big))
    expect(us.locator(".pb-compare__status")).to_contain_text("larger than 1 MB")
    us.set_input_files("#pb-history-file-partner-fit", str(big))
    expect(us.locator(".pb-compare__status")).to_contain_text("history file is larger than 1 MB")
    assert saved(us) == before
    assert us.dialogs == []  # type: ignore[attr-defined]


def test_documented_history_example_imports(sides, tmp_path: Path) -> None:
    import re

    doc = (ROOT / "docs" / "reference" / "export-format.md").read_text()
    example = re.search(r'```json title="partner-fit-history.json"\n(.*?)```', doc, re.DOTALL).group(1)
    path = tmp_path / "history.json"
    path.write_text(example)
    us, _ = sides
    us.set_input_files("#pb-history-file-partner-fit", str(path))
    expect(us.locator(".pb-compare__status")).to_have_text("Imported 2 snapshots.")
    expect(us.locator(".pb-trend")).to_contain_text("2 snapshots, 2026-03-02 to 2026-09-14.")
    expect(us.locator("tr[data-pb-section='who'] td").nth(3)).to_have_text("improving")


ESCALATION = "Our internal escalation path for this partner"


def test_joint_review_leaves_internal_items_out_of_everything_shared(browser: Browser, site, public_site,
                                                                     tmp_path: Path) -> None:
    """Issue 20: the partner's export, imported on our internal page, never puts an internal item on the agenda."""
    url = "reference/checklists/health-check/"
    pages = []
    for edition in (public_site, site):
        page = browser.new_context(accept_downloads=True).new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda e, page=page: page.errors.append(str(e)))  # type: ignore[attr-defined]
        page.on("dialog", lambda d: d.accept(""))
        page.goto(edition.url + url)
        pages.append(page)
    them, us = pages
    expect(them.get_by_text(ESCALATION)).to_have_count(0)  # the partner edition never had it
    answer(them, {"gathered": "1", "favours-given": "0"})
    file = export(them, tmp_path, "theirs.json")
    answer(us, {"gathered": "1", "favours-given": "1", "escalation-contacts": "0"})
    us.locator(".pb-compare > summary").click()
    us.set_input_files("#pb-other-health-check", str(file))
    agenda = us.locator(".pb-agenda li")
    expect(agenda).to_have_count(1)
    expect(agenda.nth(0)).to_contain_text("Each side has helped the other")
    # Everything shown as the two sides' comparison comes from the shared items only: no row, no blind spot,
    # and our answer to the internal item counts in neither score.
    expect(us.locator(".pb-compare__table tr[data-pb-item='escalation-contacts']")).to_have_count(0)
    items = CATALOG["health-check"].items
    expect(us.locator(".pb-compare__table tr[data-pb-item]")).to_have_count(
        sum(1 for i in items if i.audience != "internal"))
    expect(us.locator(".pb-compare__scores")).to_contain_text("Us: 100%")
    # Our own view says which items were not asked of the partner, with our answer, folded away.
    own = us.locator(".pb-compare__own")
    expect(own).to_have_count(1)
    expect(own).not_to_have_attribute("open", "")
    own.locator("summary").click()
    internal = next(i for i in items if i.id == "escalation-contacts")
    expect(own.locator("li")).to_have_text([f"{internal.text} \u2014 internal, not asked of the partner (Us: No)"])
    # The comparison as printed for the meeting: the internal item is nowhere, our own view neither.
    us.emulate_media(media="print")
    printed = us.locator(".pb-compare__result").inner_text()
    assert ESCALATION not in printed and "Each side has helped the other" in printed, printed
    expect(own).to_be_hidden()
    us.emulate_media(media="screen")
    expect(us.locator(".pb-compare__result").filter(has_text=ESCALATION)).to_have_count(1)  # in our own view only
    for page in pages:
        assert page.errors == [], page.errors  # type: ignore[attr-defined]
        page.context.close()


def test_the_comparison_loads_when_its_panel_first_opens_once_and_stays_across_instant_navigation(browser: Browser,
                                                                                                   site) -> None:
    """Issues 21 and 24: a checklist page's first load leaves out the comparison and history (compare.js); the
    partnership bar is there at once, the panel's contents come when it first opens, from one request per browser
    page, and a page reached by instant navigation gets them at mount without asking again."""
    page = browser.new_context().new_page()
    asked: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if r.url.endswith("/compare.js") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.url + URL)
    expect(page.locator(".pb-partnership-bar select.pb-partnership")).to_have_count(1)  # above the first item, at once
    page.wait_for_load_state("networkidle")
    assert asked == [] and page.evaluate("() => window.pbKit.comparisonLoaded") is None
    assert page.locator(".pb-compare__sides, .pb-history").count() == 0
    assert page.evaluate("() => typeof window.pbKit.align") == "function"  # the kit is there; only the panel waits
    page.locator(".pb-compare > summary").click()
    expect(page.locator(".pb-compare .pb-compare__sides")).to_have_count(1)
    expect(page.locator(".pb-compare .pb-history")).to_have_count(1)
    expect(page.locator("#pb-theirs-partner-fit")).to_have_value("Partner")  # filled once its parts ran
    # The panel's messages stay last, under the contents that came later.
    assert page.locator(".pb-compare > :last-child").get_attribute("class") == "pb-compare__status"
    page.locator(".pb-compare > summary").click()
    page.locator(".pb-compare > summary").click()
    expect(page.locator(".pb-compare .pb-compare__sides")).to_have_count(1)
    assert asked == [site.url + "assets/javascripts/compare.js"], asked
    # Another checklist by instant navigation: the same document, its panel filled at mount, nothing asked again.
    page.evaluate("window.__pbMarker = 'same document'")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url("**/reference/checklists/win-win-readiness/")
    expect(page.locator(".pb-compare .pb-compare__sides")).to_have_count(1)
    expect(page.locator(".pb-compare .pb-history")).to_have_count(1)
    assert page.evaluate("window.__pbMarker") == "same document", "instant navigation was not used"
    assert page.evaluate("() => window.pbKit.comparisonLoaded") is True
    assert len(asked) == 1 and errors == [], (asked, errors)


@pytest.mark.parametrize("failure", ["missing", "broken"])
def test_a_comparison_that_cannot_load_says_so_in_its_panel_and_the_checklist_still_works(browser: Browser, site,
                                                                                         failure: str) -> None:
    """compare.js missing (a partial copy, a blocked address) or not running: the opened panel says the comparison
    could not load and to reload the page; answers are still saved, and the next opening tries again."""
    page = browser.new_context().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if failure == "missing":
        page.route("**/compare.js", lambda route: route.fulfill(status=404, body="Not found"))
    else:
        page.route("**/compare.js", lambda route: route.fulfill(status=200, body="(", content_type="text/javascript"))
    page.goto(site.url + URL)
    page.locator(".pb-compare > summary").click()
    status = page.locator(".pb-compare .pb-compare__status")
    expect(status).to_have_text("The comparison and history could not load. Reload the page to try again.")
    page.locator("input[name='champion'][value='3']").check()
    assert json.loads(saved(page)["pb:checklist:partner-fit"])["answers"] == {"champion": 3}
    page.unroute("**/compare.js")
    page.locator(".pb-compare > summary").click()
    page.locator(".pb-compare > summary").click()
    expect(page.locator(".pb-compare .pb-history")).to_have_count(1)
    expect(status).to_have_text("")
    if failure == "missing":
        assert errors == []
    else:  # the broken file's own error, nothing from the page
        assert errors == ["Unexpected end of input"], errors
    page.context.close()
