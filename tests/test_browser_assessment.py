"""Assessment pages in a real browser (Debian's Chromium): scoring, saving, exports, navigation."""
from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import choose, write_note
from playwright.sync_api import Page, expect

from macros.content.loader import load_catalog
from macros.content.scoring import score

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
PAGE = "reference/checklists/{}/"


@pytest.fixture
def watched(page: Page, site):
    """A page that records console errors and every request host."""
    errors: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc) if r.url.startswith("http") else None)
    page.errors, page.hosts = errors, hosts  # type: ignore[attr-defined]
    yield page
    assert errors == [], errors
    assert hosts <= {urlparse(site.url).netloc}, f"requests left the site: {hosts}"


def open_checklist(page: Page, site, cid: str = "partner-fit") -> None:
    page.goto(site.url + PAGE.format(cid))
    expect(page.locator(f"form[data-pb-checklist='{cid}'] .pb-live__score")).to_be_visible()


def answer(page: Page, item: str, value: str) -> None:
    page.locator(f"input[name='{item}'][value='{value}']").check()



def open_tools(page: Page) -> None:
    """Partnerships, comparison and history fold away until asked for."""
    if page.locator(".pb-compare").get_attribute("open") is None:
        page.locator(".pb-compare > summary").click()



def test_answering_updates_scores_band_chart_and_next_steps(watched: Page, site) -> None:
    page = watched
    open_checklist(page, site)
    live = page.locator(".pb-live__score")
    expect(live).to_have_text("No score yet: answer at least one item.")
    answer(page, "champion", "3")           # weight 2, Fully
    answer(page, "champion-authority", "0")  # weight 1, Not yet
    # (2*1 + 1*0) / 3 = 67%
    expect(live).to_have_text("Overall score 67%: Promising")
    expect(page.locator(".pb-scores")).to_contain_text("Who67%")
    answer(page, "complementary", "na")
    expect(live).to_have_text("Overall score 67%: Promising")
    steps = page.locator(".pb-steps li")
    expect(steps).to_have_count(1)
    expect(steps.first).to_contain_text("The partner's champion has the authority")
    href = steps.first.locator("a").get_attribute("href")
    assert href.endswith("principles/ideal-partner/#who-the-champion")
    chart = page.locator("svg.pb-chart")
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("desc")).to_contain_text("Who 67%")
    assert chart.locator("rect.pb-chart__bar").count() == len(CATALOG["partner-fit"].sections)


def test_answers_and_notes_survive_reload(watched: Page, site) -> None:
    page = watched
    open_checklist(page, site, "health-check")
    answer(page, "gathered", "1")
    write_note(page, "gathered", "Joint call within the hour")
    page.reload()
    expect(page.locator("input[name='gathered'][value='1']")).to_be_checked()
    expect(page.locator("textarea[name='gathered--note']")).to_have_value("Joint call within the hour")
    expect(page.locator(".pb-live__score")).to_have_text("Overall score 100%: Healthy")


def test_instant_navigation_round_trip_restores_and_mounts_once(watched: Page, site) -> None:
    page = watched
    open_checklist(page, site, "joint-planning")
    answer(page, "quarterback", "2")
    page.evaluate("window.__pbMarker = 'same document'")
    page.locator(".pb-item__guidance").first.click()
    page.wait_for_url("**/principles/dancing-together/**")
    page.go_back()
    page.wait_for_url("**/reference/checklists/joint-planning/")
    expect(page.locator(".pb-live__score")).to_be_visible()
    assert page.evaluate("window.__pbMarker") == "same document", "instant navigation was not used"
    expect(page.locator("input[name='quarterback'][value='2']")).to_be_checked()
    assert page.locator(".pb-live").count() == 1
    assert page.locator(".pb-tools").count() == 1
    assert page.locator(".pb-compare").count() == 1, "the comparison panel mounted twice or not at all"


def test_export_formats_and_json_import_round_trip(watched: Page, site, tmp_path: Path) -> None:
    page = watched
    open_checklist(page, site, "win-win-readiness")
    answer(page, "gains-mapped", "3")
    answer(page, "risks-mapped", "1")
    answer(page, "walk-away", "na")
    write_note(page, "risks-mapped", '=SUM(A1), "quoted", owner: Ana')
    files = {}
    for fmt in ("JSON", "CSV", "Markdown"):
        with page.expect_download() as info:
            choose(page, "Export", f"Export {fmt}")
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        files[fmt] = path
    doc = json.loads(files["JSON"].read_text())
    assert doc["format"] == "partnership-playbook/assessment" and doc["formatVersion"] == 2
    # The name prompt was dismissed: no respondent; the partnership as the page shows it.
    assert doc["partnership"] == "My partnership" and "respondent" not in doc
    assert doc["checklist"] == {"id": "win-win-readiness", "version": 2, "title": "Win-win readiness"}
    assert doc["answers"] == {"gains-mapped": 3, "risks-mapped": 1, "walk-away": "na"}
    assert doc["result"]["overall"] == score(CATALOG["win-win-readiness"], doc["answers"]).overall
    rows = list(csv.DictReader(io.StringIO(files["CSV"].read_text())))
    risks = next(r for r in rows if r["item"] == "risks-mapped")
    assert risks["answer"] == "1" and risks["answer_label"] == "Started"
    assert risks["note"] == "'=SUM(A1), \"quoted\", owner: Ana"  # formula neutralised, quotes kept
    markdown = files["Markdown"].read_text()
    assert markdown.startswith("# Win-win readiness (version 2)") and "Not applicable" in markdown
    # Clear (confirmed), then restore from the JSON export.
    page.once("dialog", lambda d: d.accept())
    choose(page, "More actions", "Clear answers")
    expect(page.locator("input[name='gains-mapped'][value='3']")).not_to_be_checked()
    page.set_input_files("#pb-import-win-win-readiness", str(files["JSON"]))
    expect(page.locator(".pb-status")).to_contain_text("Imported 3 answers.")
    expect(page.locator("input[name='gains-mapped'][value='3']")).to_be_checked()
    expect(page.locator("textarea[name='risks-mapped--note']")).to_have_value('=SUM(A1), "quoted", owner: Ana')


def test_clear_asks_first_and_keeps_answers_when_dismissed(watched: Page, site) -> None:
    page = watched
    open_checklist(page, site, "onboarding")
    answer(page, "explain-why", "1")
    page.once("dialog", lambda d: d.dismiss())
    choose(page, "More actions", "Clear answers")
    expect(page.locator("input[name='explain-why'][value='1']")).to_be_checked()


def test_bad_import_is_refused_with_a_message_and_changes_nothing(watched: Page, site, tmp_path: Path) -> None:
    page = watched
    open_checklist(page, site, "onboarding")
    answer(page, "explain-why", "1")
    bad = tmp_path / "bad.json"
    bad.write_text("not json at all <img src=x onerror=alert(1)>")
    page.set_input_files("#pb-import-onboarding", str(bad))
    expect(page.locator(".pb-status")).to_contain_text("Nothing was imported. The file is not JSON.")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "partnership-playbook/assessment", "formatVersion": 2,
                                 "checklist": {"id": "partner-fit"}}))
    page.set_input_files("#pb-import-onboarding", str(other))
    expect(page.locator(".pb-status")).to_contain_text("for another checklist")
    coerced = tmp_path / "coerced.json"
    coerced.write_text(json.dumps({"format": "partnership-playbook/assessment", "formatVersion": 2, "checklist": {"id": "onboarding"},
                                   "answers": {"explain-why": "0", "time-scarce": [1]}, "notes": {"time-scarce": 5}}))
    page.set_input_files("#pb-import-onboarding", str(coerced))
    expect(page.locator(".pb-status")).to_contain_text("wrong type")
    expect(page.locator(".pb-status")).to_contain_text("explain-why, time-scarce")
    expect(page.locator("input[name='explain-why'][value='1']")).to_be_checked()
    assert page.locator(".pb-checklist img").count() == 0


def test_page_works_and_says_so_when_storage_refuses_writes(watched: Page, site) -> None:
    """Private mode or a full quota: reads work, every write throws."""
    page = watched
    page.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }")
    open_checklist(page, site, "partner-fit")
    expect(page.locator(".pb-storage-warning")).to_contain_text("will not be kept")
    answer(page, "champion", "3")
    expect(page.locator(".pb-live__score")).to_have_text("Overall score 100%: Strong fit")


def test_page_works_when_storage_is_disabled_entirely(page: Page, site) -> None:
    """Storage blocked outright: Material's own palette script throws; ours must not."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(e.stack or str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})")
    open_checklist(page, site, "partner-fit")
    expect(page.locator(".pb-storage-warning")).to_contain_text("will not be kept")
    answer(page, "champion", "3")
    expect(page.locator(".pb-live__score")).to_have_text("Overall score 100%: Strong fit")
    assert not [e for e in errors if "playbook.js" in e], errors


def test_form_is_usable_without_javascript(browser, site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + PAGE.format("partner-fit"))
    page.locator("input[name='champion'][value='3']").check()
    expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
    expect(page.locator("table.pb-bands")).to_contain_text("Strong fit")
    assert page.locator(".pb-live").count() == 0
    context.close()


def test_keyboard_only_answering(watched: Page, site) -> None:
    page = watched
    open_checklist(page, site, "onboarding")
    page.locator("input[name='explain-why'][value='1']").focus()
    page.keyboard.press("Space")
    expect(page.locator(".pb-live__score")).to_have_text("Overall score 100%: Ready to practise")
    page.keyboard.press("ArrowRight")  # moves to No within the radio group
    expect(page.locator(".pb-live__score")).to_have_text("Overall score 0%: Keep reading")


def test_scoring_is_the_same_in_python_and_in_the_browser(page: Page, site) -> None:
    rng = random.Random(20261122)
    for checklist in CATALOG:
        open_checklist(page, site, checklist.id)
        # The data every part of the page scores with: the form's own, completed from its markup (weights too).
        data = page.evaluate("() => window.pbKit.assessment(document.querySelector('form[data-pb-checklist]')).data")
        choices = [p.value for p in checklist.points] + ["na", None]
        for _ in range(25):
            answers = {i.id: rng.choice(choices) for i in checklist.items}
            answers = {k: v for k, v in answers.items() if v is not None}
            js = page.evaluate("([d, a]) => window.pbScore(d, a)", [data, answers])
            py = score(checklist, answers)
            assert js["overall"] == py.overall and js["sections"] == py.sections
            assert (js["band"] or {}).get("label") == (py.band.label if py.band else None)


def test_documented_export_example_imports(watched: Page, site, tmp_path: Path) -> None:
    import re

    doc = (ROOT / "docs" / "reference" / "export-format.md").read_text()
    example = re.search(r"```json[^\n]*\n(.*?)```", doc, re.DOTALL).group(1)
    path = tmp_path / "example.json"
    path.write_text(example)
    page = watched
    open_checklist(page, site, "partner-fit")
    page.set_input_files("#pb-import-partner-fit", str(path))
    expect(page.locator(".pb-status")).to_contain_text("Imported 3 answers.")
    expect(page.locator("input[name='complementary'][value='na']")).to_be_checked()
    expect(page.locator("textarea[name='champion-authority--note']")).to_have_value(
        "Confirm budget authority with her manager")


def test_answers_for_removed_items_are_kept_and_listed(watched: Page, site) -> None:
    """Saved answers from an older version: answers to items this version has show, the others stay stored (issue 21)."""
    page = watched
    page.add_init_script("""localStorage.setItem('pb:checklist:onboarding', JSON.stringify(
        {version: 0, answers: {'explain-why': 1, 'gone-item': 0}, notes: {'gone-item': 'x'}}))""")
    open_checklist(page, site, "onboarding")
    expect(page.locator("input[name='explain-why'][value='1']")).to_be_checked()
    answer(page, "time-scarce", "0")
    saved = json.loads(page.evaluate("localStorage.getItem('pb:checklist:onboarding:me')"))  # about a person: ":me"
    assert saved["answers"] == {"explain-why": 1, "time-scarce": 0, "gone-item": 0} and saved["version"] == 1
    assert saved["notes"] == {"gone-item": "x"}
    expect(page.locator(".pb-kept")).to_contain_text("gone-item")


def test_export_for_partner_leaves_out_internal_items_answers_and_notes(watched: Page, site, tmp_path: Path) -> None:
    page = watched
    open_checklist(page, site, "partner-fit")
    answer(page, "champion", "3")
    answer(page, "pricing-approval", "1")  # internal: finance approval
    write_note(page, "pricing-approval", "Floor price 41 percent, do not share")
    write_note(page, "champion", "Signed off")
    with page.expect_download() as info:
        choose(page, "Export", "Export for partner (JSON)")
    day = page.evaluate("pbKit.localDay(new Date())")
    assert info.value.suggested_filename == f"partner-fit-{day}.json"  # checklist and day: no partnership name
    path = tmp_path / "shared.json"
    info.value.save_as(path)
    text = path.read_text()
    doc = json.loads(text)
    assert doc["answers"] == {"champion": 3} and doc["notes"] == {"champion": "Signed off"}
    assert "pricing-approval" not in text and "41 percent" not in text
    expect(page.locator(".pb-status")).to_contain_text("1 internal item(s) are left out, with 1 answer(s)")
    # The partner's side can import it for comparison (in the folded panel, whose contents come when it opens).
    page.locator(".pb-compare > summary").click()
    page.set_input_files("#pb-other-partner-fit", str(path))
    expect(page.locator(".pb-compare__table tr[data-pb-item='champion'] td").nth(3)).to_have_text("Agree")


@pytest.mark.parametrize("checklist", ["partner-fit", "health-check"])
def test_partner_edition_has_no_partner_export_and_no_internal_flags(page: Page, public_site, checklist: str) -> None:
    page.goto(public_site.url + f"reference/checklists/{checklist}/")
    expect(page.locator(f"#pb-checklist-{checklist}")).to_have_count(1)
    expect(page.get_by_role("menuitem", name="Export JSON", include_hidden=True)).to_have_count(1)
    expect(page.get_by_role("menuitem", name="Export for partner (JSON)", include_hidden=True)).to_have_count(0)
    assert '"internal"' not in page.locator(f"#pb-checklist-{checklist}").get_attribute("data-pb-data")


def test_results_say_the_right_thing_in_every_state(watched: Page, site) -> None:
    page = watched
    open_checklist(page, site, "partner-fit")
    items = CATALOG["partner-fit"].items
    live, basis = page.locator(".pb-live__score"), page.locator(".pb-live__basis")
    expect(live).to_have_text("No score yet: answer at least one item.")
    answer(page, "champion", "na")
    expect(live).to_have_text("No score yet: every item answered so far is \u201cNot applicable\u201d.")
    for item in items:
        answer(page, item.id, "na")
    expect(live).to_have_text("No score: every item is \u201cNot applicable\u201d, so there is nothing to score.")
    expect(basis).to_have_text("")
    answer(page, "champion", "3")
    expect(live).to_have_text("Overall score 100%: Strong fit")
    expect(basis).to_have_text(f"All {len(items)} items answered; {len(items) - 1} not applicable.")
    page.evaluate("localStorage.clear()")
    page.reload()
    answer(page, "champion", "3")
    answer(page, "complementary", "na")
    expect(basis).to_have_text(f"Partial score: based on 1 of {len(items)} items; {len(items) - 2} not answered yet.")


CHART_TEXTS = """() => [...document.querySelectorAll('svg.pb-chart')].map(svg => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].map(t => {
        const r = t.getBoundingClientRect();
        return [[...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') || t.textContent,
                r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1];
    });
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_labels_are_whole_and_inside_their_chart(watched: Page, site, width: int) -> None:
    page = watched
    page.set_viewport_size({"width": width, "height": 900})
    open_checklist(page, site, "partner-fit")
    answer(page, "champion", "2")
    open_tools(page)
    page.get_by_role("button", name="Save snapshot").click()
    charts = page.evaluate(CHART_TEXTS)
    assert len(charts) == 2, "the results chart and the trend chart"
    titles = [s.title for s in CATALOG["partner-fit"].sections]
    for texts in charts:
        labels = [t for t, _ in texts if t in titles]
        assert labels == titles, texts  # every title whole, none cut
        assert all(inside for _, inside in texts), texts


def test_the_form_reads_its_items_from_its_own_markup_and_warns_when_one_is_missing(watched: Page, site) -> None:
    """Each item's weight, text and link and each section's title come from the form's own items and sections: a
    table row naming an item or a section (as the comparison's and history's tables do) is not an item, and an item
    without markup is reported in the console rather than scored quietly with the wrong weight."""
    import re
    page = watched
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    rows = ('<table><tr data-pb-section="who"><td>Who</td></tr>'
            '<tr data-pb-item="champion" data-pb-kind="Same"><td>Agreed</td></tr></table>\n</form>')

    def serve(route) -> None:
        body = route.fetch().text()
        start = body.index('id="pb-checklist-partner-fit"')  # after the form's own items, where the comparison goes
        body = body[:start] + body[start:].replace("</form>", rows, 1)
        body, gone = re.subn(r'<div class="pb-item" id="pb-partner-fit-complementary".*?</details>\n</div>', "", body,
                             count=1, flags=re.S)
        assert gone == 1
        route.fulfill(body=body, content_type="text/html")
    page.route("**/partner-fit/", serve)
    open_checklist(page, site)
    answer(page, "champion", "3")            # weight 2, Fully
    answer(page, "champion-authority", "0")  # weight 1, Not yet
    expect(page.locator(".pb-live__score")).to_have_text("Overall score 67%: Promising")  # (2*1 + 1*0) / 3
    expect(page.locator(".pb-scores")).to_contain_text("Who67%")
    assert any("complementary" in w for w in warnings), warnings
    assert not any("champion" in w for w in warnings), warnings
