"""The one store (store.js) in real Chromium: nothing a person typed is lost, nothing stored stops a page (issue 21).

One case per test: full storage, corrupted values over every key the site writes, names that are JavaScript
words, malformed imports, undo in two tabs, a checklist version that drops or renames an item, a backup restored
in a fresh browser and merged into one with data, text from files. All run on the session's built site.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import choose, write_note
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser
FIT = "reference/checklists/partner-fit/"
BOARD = "portfolio/"
ODD = ["constructor", "__proto__", "toString", "hasOwnProperty"]

# Writes throw while window.pbFull is true (a full quota), and work again once it is false.
FULL = """(() => {
  const real = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (window.pbFull) throw new DOMException('full', 'QuotaExceededError');
    return real.call(this, k, v);
  };
})()"""


def new_page(context: BrowserContext, errors: list[str], reply: str = "") -> Page:
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: d.accept(reply) if d.type == "prompt" else d.accept())
    return page


@pytest.fixture
def ctx(browser: Browser):
    """A fresh browser context; the test fails on any script error in any of its pages."""
    context = browser.new_context(accept_downloads=True)
    errors: list[str] = []
    context.pb_errors = errors  # type: ignore[attr-defined]
    yield context
    context.close()
    assert errors == [], errors


def page_of(ctx: BrowserContext, reply: str = "") -> Page:
    return new_page(ctx, ctx.pb_errors, reply)  # type: ignore[attr-defined]


def open_fit(page: Page, site, path: str = FIT) -> None:
    page.goto(site.url + path)
    expect(page.locator("form[data-pb-compare]")).to_have_count(1)


def answer(page: Page, item: str, value: str) -> None:
    page.locator(f"input[name='{item}'][value='{value}']").check()


def stored(page: Page, key: str):
    text = page.evaluate("k => localStorage.getItem(k)", key)
    return None if text is None else json.loads(text)


def seed(page: Page, site, values: dict[str, object]) -> None:
    """Storage as a person's browser holds it (values that are not str are written as JSON)."""
    page.goto(site.url)
    page.evaluate("""v => { localStorage.clear(); for (const [k, x] of Object.entries(v))
      localStorage.setItem(k, typeof x === 'string' ? x : JSON.stringify(x)); }""", values)


def download(page: Page, action) -> Path:
    with page.expect_download() as info:
        action()
    return Path(info.value.path())


def write_file(tmp_path: Path, name: str, doc: object) -> Path:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def export(answers: object, notes: object = None, version: object = 2) -> dict:
    return {"format": "partnership-playbook/assessment", "formatVersion": version,
            "checklist": {"id": "partner-fit", "version": 1}, "answers": answers, "notes": notes or {}}


def with_data(page: Page, change) -> None:
    """Serve the partner-fit page with its form's data changed by `change(data, html) -> html` (a new version)."""
    def handle(route):
        body = route.fetch().text()
        match = re.search(r'data-pb-data="([^"]*)"', body)
        data = json.loads(html.unescape(match.group(1)))
        body = change(data, body)
        body = re.sub(r'data-pb-data="[^"]*"', lambda m: 'data-pb-data="' + html.escape(json.dumps(data), quote=True) + '"',
                      body, count=1)
        route.fulfill(body=body, content_type="text/html")
    page.route("**/partner-fit/", handle)


def drop_item(item: str):
    def change(data, body):
        for s in data["sections"]:
            s["items"] = [i for i in s["items"] if i["id"] != item]
        return body
    return change


def rename_item(old: str, new: str):
    def change(data, body):
        for s in data["sections"]:
            for i in s["items"]:
                if i["id"] == old:
                    i["id"], i["replaces"] = new, [old]
        return re.sub(rf"(?<![\w-]){re.escape(old)}(?=--note|[^\w-])", new, body)
    return change


# -- Full storage ---------------------------------------------------------------------------------------
def test_full_storage_keeps_what_is_on_screen_says_so_and_backs_it_up(ctx, site) -> None:
    """The issue's scenario: one answer saved, storage fills, four answers and a note more; nothing is lost."""
    page = page_of(ctx)
    page.add_init_script(FULL)
    open_fit(page, site)
    answer(page, "champion", "3")
    page.evaluate("window.pbFull = true")
    for item, value in [("champion-authority", "1"), ("written-criteria", "2"), ("complementary", "0"),
                        ("not-the-big-name", "na")]:
        answer(page, item, value)
    write_note(page, "champion", "Met her twice")
    expect(page.locator(".pb-bar")).to_contain_text(f"5 of {page.locator('.pb-item').count()} answered")
    banner = page.locator(".pb-unsaved")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Not saved")
    # Export JSON holds what is on screen, and the backup holds every unsaved change.
    doc = json.loads(download(page, lambda: choose(page, "Export", "Export JSON")).read_text())
    assert len(doc["answers"]) == 5 and doc["notes"] == {"champion": "Met her twice"}
    backup = json.loads(download(page, lambda: banner.get_by_role("button", name="Download a backup").click()).read_text())
    record = backup["data"]["pb:checklist:partner-fit"]
    assert len(record["answers"]) == 5 and record["notes"] == {"champion": "Met her twice"}
    assert stored(page, "pb:checklist:partner-fit")["answers"] == {"champion": 3}  # truly not written yet
    # Another tab's write does not undo this tab's unsaved answers: they are applied over it.
    page.evaluate("""() => { const r = JSON.parse(localStorage.getItem('pb:checklist:partner-fit'));
      r.answers['their-reason'] = 1; r.changed = {'their-reason': new Date().toISOString()};
      window.dispatchEvent(new StorageEvent('storage', {key: 'pb:checklist:partner-fit'})); }""")
    expect(page.locator("input[name='complementary'][value='0']")).to_be_checked()
    # Storage frees up: the next change writes everything, and the message goes.
    page.evaluate("window.pbFull = false")
    answer(page, "champion", "2")
    expect(banner).to_have_count(0)
    assert len(stored(page, "pb:checklist:partner-fit")["answers"]) == 5
    # Onboarding ticks: the same store, the same message.
    page.evaluate("window.pbFull = true")
    page.goto(site.url + "onboarding/employee/")
    page.evaluate("window.pbFull = true")
    page.locator("#pb-path-employee-trust").check()
    expect(page.locator(".pb-unsaved")).to_contain_text("Not saved")
    expect(page.locator("#pb-path-employee-trust")).to_be_checked()
    expect(page.locator(".pb-path__count")).to_contain_text("1 of ")


# -- Corrupted values -----------------------------------------------------------------------------------
# Every key the site writes that the three pages below read.
KEYS = ["pb:partnerships", "pb:checklist:partner-fit", "pb:history:partner-fit:default", "pb:path:employee",
        "pb:rollup", "pb:backup"]
GARBAGE = ["{", "null", "7", '"x"', "[1]", '{"answers": "x", "notes": []}', '{"list": [1], "current": 5}',
           '{"done": "x"}', '{"files": 3, "made": "yesterday"}', '{"__proto__": {"list": 1}}']


@pytest.mark.parametrize("garbage", GARBAGE)
def test_corrupted_values_are_set_aside_and_never_stop_a_component(ctx, site, garbage: str) -> None:
    page = page_of(ctx)
    seed(page, site, {k: garbage for k in KEYS})
    open_fit(page, site)
    expect(page.locator(".pb-live__score")).to_have_text("No score yet: answer at least one item.")
    answer(page, "champion", "3")
    expect(page.locator(".pb-live__score")).to_contain_text("Overall score 100%")
    expect(page.locator(".pb-compare")).to_have_count(1)
    page.goto(site.url + "onboarding/employee/")
    page.locator("#pb-path-employee-trust").check()
    expect(page.locator(".pb-path__count")).to_contain_text("1 of ")
    page.goto(site.url + BOARD)
    for part in (".pb-portfolio__board", ".pb-rollup", ".pb-backup"):
        expect(page.locator(part)).to_have_count(1)
    kept = page.evaluate("""() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('pb:aside:'))
      .map(k => [k.slice(9), localStorage.getItem(k)]))""")
    # A value no key accepts is kept aside under pb:aside:<key>, never deleted.
    if garbage in ("{", "null", "7"):
        assert kept == {k: garbage for k in KEYS}
        # Damaged again: the first value set aside stays, the second goes beside it.
        page.evaluate("g => localStorage.setItem('pb:rollup', g)", "{" + garbage)
        page.reload()
        expect(page.locator(".pb-rollup")).to_have_count(1)
        again = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('pb:aside:pb:rollup'))")
        assert len(again) == 2 and page.evaluate("() => localStorage.getItem('pb:aside:pb:rollup')") == garbage


# -- Odd names ------------------------------------------------------------------------------------------
def test_names_that_are_javascript_words_work_everywhere(ctx, site, tmp_path) -> None:
    page = page_of(ctx)
    seed(page, site, {"pb:partnerships": {"current": "__proto__", "list": [{"id": n, "name": n} for n in ODD]},
                      **{f"pb:checklist:partner-fit:{n}": {"answers": {"champion": 3 - i}} for i, n in enumerate(ODD)}})
    # An item called constructor (a new version of the checklist), answered and scored.
    with_data(page, rename_item("complementary", "constructor"))
    open_fit(page, site)
    expect(page.locator("input[name='champion'][value='2']")).to_be_checked()  # __proto__'s answers
    answer(page, "constructor", "3")
    expect(page.locator(".pb-live__score")).to_contain_text("Overall score")
    assert stored(page, "pb:checklist:partner-fit:__proto__")["answers"] == {"champion": 2, "constructor": 3}
    page.select_option("select.pb-partnership", "toString")
    expect(page.locator("input[name='champion'][value='1']")).to_be_checked()
    # An import naming items that are JavaScript words: listed as not in this version, the page keeps working.
    page.set_input_files("#pb-import-partner-fit", str(write_file(tmp_path, "odd.json", export(
        {"champion": 1, "toString": 2, "hasOwnProperty": "na", "__proto__": 1}))))
    expect(page.locator(".pb-results .pb-status, [data-pb-results] .pb-status")).to_contain_text("Imported 1 answers")
    expect(page.locator(".pb-live__score")).to_contain_text("Overall score")
    # The board: a row for each, with its score; the roll-up: files for "Constructor" from "__proto__", saved and read back.
    page.unroute("**/partner-fit/")
    page.goto(site.url + BOARD)
    expect(page.locator("tr[data-pb-partnership]")).to_have_count(4)
    expect(page.locator("tr[data-pb-partnership='constructor'] .pb-portfolio__score").first).to_have_text("100%")
    files = [write_file(tmp_path, f"r{i}.json", {**export({"champion": i}), "partnership": "Constructor",
                                                  "respondent": who}) for i, who in enumerate(ODD)]
    page.set_input_files("#pb-rollup-files", [str(f) for f in files])
    grid = page.locator(".pb-rollup__grid")
    expect(grid).to_contain_text("Constructor")
    expect(grid).to_contain_text("4 respondents")
    page.get_by_role("button", name="Save this roll-up").click()
    page.reload()
    expect(page.locator(".pb-rollup__grid")).to_contain_text("4 respondents")
    expect(page.locator(".pb-portfolio__board")).to_have_count(1)


# -- Malformed imports ----------------------------------------------------------------------------------
@pytest.mark.parametrize("doc, says", [
    (export("x"), "answers must be"),
    (export({"champion": 1}, notes=["a note"]), "notes must be"),
    (export({"champion": 1}, version="1"), "formatVersion must be a whole number"),
    (export({"champion": 1}, version=1.5), "formatVersion must be a whole number"),
], ids=["answers-text", "notes-list", "version-text", "version-fraction"])
def test_malformed_imports_change_nothing(ctx, site, tmp_path, doc, says) -> None:
    page = page_of(ctx)
    open_fit(page, site)
    for item, value in [("champion", "3"), ("champion-authority", "1"), ("complementary", "2")]:
        answer(page, item, value)
    before = stored(page, "pb:checklist:partner-fit")
    page.set_input_files("#pb-import-partner-fit", str(write_file(tmp_path, "bad.json", doc)))
    status = page.locator("[data-pb-results] .pb-status")
    expect(status).to_contain_text("Nothing was imported.")
    expect(status).to_contain_text(says)
    assert stored(page, "pb:checklist:partner-fit") == before
    expect(page.locator("input[name='complementary'][value='2']")).to_be_checked()


# -- Undo -----------------------------------------------------------------------------------------------
def test_import_clear_and_delete_can_be_undone_and_other_tabs_follow(ctx, site, tmp_path) -> None:
    a, b = page_of(ctx, "Globex"), page_of(ctx)
    open_fit(a, site)
    answer(a, "champion", "3")
    write_note(a, "champion", "Mine")
    open_fit(b, site)
    status = a.locator("[data-pb-results] .pb-status")
    # Import replaces answers (asked first), then Undo.
    a.set_input_files("#pb-import-partner-fit", str(write_file(tmp_path, "in.json", export({"champion": 0}))))
    expect(b.locator("input[name='champion'][value='0']")).to_be_checked()
    status.get_by_role("button", name="Undo").click()
    for page in (a, b):
        expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
    expect(b.locator("textarea[name='champion--note']")).to_have_value("Mine")
    # Clear answers, then Undo; storage full meanwhile: the undo is held in memory and shown.
    choose(a, "More actions", "Clear answers")
    expect(b.locator("input[name='champion'][value='3']")).not_to_be_checked()
    status.get_by_role("button", name="Undo").click()
    expect(b.locator("input[name='champion'][value='3']")).to_be_checked()
    a.add_init_script(FULL)
    a.reload()
    a.evaluate("window.pbFull = true")
    choose(a, "More actions", "Clear answers")
    expect(a.locator("input[name='champion'][value='3']")).not_to_be_checked()  # on screen, though not written
    expect(a.locator(".pb-unsaved")).to_be_visible()
    status.get_by_role("button", name="Undo").click()
    expect(a.locator("input[name='champion'][value='3']")).to_be_checked()
    a.evaluate("window.pbFull = false")
    a.reload()
    # Delete a partnership with its answers, then Undo, in both tabs.
    a.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
    answer(a, "champion", "1")
    expect(b.locator("select.pb-partnership option:checked")).to_have_text("Globex")
    a.get_by_role("button", name="More partnership actions").click()
    a.get_by_role("menuitem", name="Delete", exact=True).click()
    expect(b.locator("select.pb-partnership option")).to_have_count(1)
    a.locator(".pb-partnership-bar__status").get_by_role("button", name="Undo").click()
    for page in (a, b):
        expect(page.locator("select.pb-partnership option:checked")).to_have_text("Globex")
        expect(page.locator("input[name='champion'][value='1']")).to_be_checked()



def test_the_undo_of_an_import_or_a_clear_keeps_what_another_tab_saved_while_the_question_was_open(ctx, site, tmp_path) -> None:
    """The Undo puts back the answers as they were when the change was written, not when it was asked about: an
    answer another tab saved while the question was open comes back with it."""
    b = page_of(ctx)
    a = ctx.new_page()
    a.on("pageerror", lambda e: ctx.pb_errors.append(str(e)))
    asked: list[str] = []

    def meanwhile(dialog) -> None:  # the other tab answers while this one asks: 1, then 2
        asked.append(dialog.message)
        answer(b, "complementary", str(len(asked)))
        expect(b.locator(f"input[name='complementary'][value='{len(asked)}']")).to_be_checked()
        dialog.accept()
    a.on("dialog", meanwhile)
    open_fit(a, site)
    answer(a, "champion", "3")
    open_fit(b, site)
    a.set_input_files("#pb-import-partner-fit", str(write_file(tmp_path, "in.json", export({"champion": 0}))))
    status = a.locator("[data-pb-results] .pb-status")
    expect(status).to_contain_text("Imported 1 answers")
    assert len(asked) == 1
    status.get_by_role("button", name="Undo").click()
    assert stored(a, "pb:checklist:partner-fit")["answers"] == {"champion": 3, "complementary": 1}
    expect(b.locator("input[name='complementary'][value='1']")).to_be_checked()
    choose(a, "More actions", "Clear answers")
    expect(status).to_contain_text("Answers cleared.")
    assert len(asked) == 2
    status.get_by_role("button", name="Undo").click()
    assert stored(a, "pb:checklist:partner-fit")["answers"] == {"champion": 3, "complementary": 2}
    expect(b.locator("input[name='complementary'][value='2']")).to_be_checked()


@pytest.mark.parametrize("idle", ["requestIdleCallback", "none"])  # Safari has no requestIdleCallback
def test_a_delete_and_its_undo_keep_what_another_tab_saved_while_the_question_was_open(ctx, site, idle) -> None:
    """Deleting a partnership is done, and its Undo captured, after the question, in the next task: another tab's
    answer to that partnership and a partnership it added while the question was open both survive the delete and
    the Undo, in a browser without requestIdleCallback too."""
    b = page_of(ctx, "Initech")
    a = ctx.new_page()
    if idle == "none":
        a.add_init_script("delete window.requestIdleCallback")
    a.on("pageerror", lambda e: ctx.pb_errors.append(str(e)))

    def meanwhile(dialog) -> None:  # the other tab answers for Globex and adds a partnership while this one asks
        answer(b, "complementary", "1")
        expect(b.locator("input[name='complementary'][value='1']")).to_be_checked()
        b.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
        expect(b.locator("select.pb-partnership option:checked")).to_have_text("Initech")
        dialog.accept()
    a.on("dialog", meanwhile)
    seed(a, site, {"pb:partnerships": {"current": "pg", "list": [{"id": "default", "name": "My partnership"},
                                                                 {"id": "pg", "name": "Globex"}]},
                   "pb:checklist:partner-fit:pg": {"answers": {"champion": 3}}})
    open_fit(a, site)
    open_fit(b, site)
    a.get_by_role("button", name="More partnership actions").click()
    a.get_by_role("menuitem", name="Delete", exact=True).click()
    status = a.locator(".pb-partnership-bar__status")
    expect(status).to_contain_text("Deleted \u201cGlobex\u201d")
    assert [p["name"] for p in stored(a, "pb:partnerships")["list"]] == ["My partnership", "Initech"]
    status.get_by_role("button", name="Undo").click()
    assert sorted(p["name"] for p in stored(a, "pb:partnerships")["list"]) == ["Globex", "Initech", "My partnership"]
    assert stored(a, "pb:checklist:partner-fit:pg")["answers"] == {"champion": 3, "complementary": 1}


def test_undo_puts_back_only_what_it_changed_and_keeps_what_another_tab_saved_since(ctx, site, tmp_path) -> None:
    """Undo writes key by key over what is stored then (read-modify-write): a partnership or an answer another tab
    saved after the change stays; what the change made goes back."""
    a, b = page_of(ctx), page_of(ctx, "Initech")
    seed(a, site, {"pb:partnerships": {"current": "px", "list": [{"id": "default", "name": "My partnership"},
                                                                 {"id": "px", "name": "Xylo"}]}})
    open_fit(a, site)
    open_fit(b, site)
    # A deletes Xylo; B adds Initech; A's Undo brings Xylo back and keeps Initech.
    a.get_by_role("button", name="More partnership actions").click()
    a.get_by_role("menuitem", name="Delete", exact=True).click()
    expect(b.locator("select.pb-partnership option")).to_have_count(1)
    b.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
    expect(a.locator("select.pb-partnership option")).to_have_count(2)
    a.locator(".pb-partnership-bar__status").get_by_role("button", name="Undo").click()
    assert [p["name"] for p in stored(a, "pb:partnerships")["list"]] == ["My partnership", "Xylo", "Initech"]
    for page in (a, b):
        expect(page.locator("select.pb-partnership option")).to_have_count(3)
    # A imports over its answers; B answers another item; A's Undo brings A's answer back and keeps B's.
    a.locator("select.pb-partnership").select_option(label="My partnership")
    expect(b.locator("select.pb-partnership option:checked")).to_have_text("My partnership")
    answer(a, "champion", "3")
    a.set_input_files("#pb-import-partner-fit", str(write_file(tmp_path, "in.json", export({"champion": 0}))))
    expect(b.locator("input[name='champion'][value='0']")).to_be_checked()
    answer(b, "complementary", "2")
    a.locator("[data-pb-results] .pb-status").get_by_role("button", name="Undo").click()
    assert stored(a, "pb:checklist:partner-fit")["answers"] == {"champion": 3, "complementary": 2}
    expect(b.locator("input[name='champion'][value='3']")).to_be_checked()
    expect(b.locator("input[name='complementary'][value='2']")).to_be_checked()


def test_a_history_import_with_storage_full_keeps_the_snapshots_another_tab_saves(ctx, site, tmp_path) -> None:
    """The import is an edit of the stored list (read-modify-write), not a whole list: while this tab cannot write,
    it is applied again over whatever another tab saved, and written with it once storage frees up. Meanwhile the
    message says it is not saved, never "Imported"."""
    a, b = page_of(ctx), page_of(ctx)
    a.add_init_script(FULL)
    seed(a, site, {"pb:history:partner-fit:default": [{"date": "2026-10-01T09:00:00.000Z", "answers": {"champion": 1},
                                                       "notes": {}}]})
    open_fit(a, site)
    open_fit(b, site)
    for page in (a, b):
        expect(page.locator(".pb-trend__table")).to_be_visible()
    a.evaluate("window.pbFull = true")
    a.set_input_files("#pb-history-file-partner-fit", str(write_file(tmp_path, "history.json", {
        "format": "partnership-playbook/history", "formatVersion": 1, "checklist": {"id": "partner-fit"},
        "snapshots": [{"date": "2026-09-01T09:00:00.000Z", "answers": {"champion": 2}, "notes": {}}]})))
    says = a.locator(".pb-compare__status")  # the truth: shown, not saved yet
    expect(says).to_contain_text("Could not save 1 snapshot: the browser refused to store it")
    expect(says).to_contain_text("your file is untouched")
    expect(a.locator(".pb-trend")).to_contain_text("2 snapshots")
    b.get_by_role("button", name="Save snapshot").click()
    a.evaluate("window.pbFull = false")
    b.get_by_role("button", name="Save snapshot").click()  # a write from B: A writes its import with it
    expect(a.locator(".pb-unsaved")).to_have_count(0)
    dates = [s["date"] for s in stored(a, "pb:history:partner-fit:default")]
    assert len(dates) == 4 and dates[:2] == ["2026-09-01T09:00:00.000Z", "2026-10-01T09:00:00.000Z"], dates


def test_discard_and_undo_keep_keyboard_focus_in_place(ctx, site, tmp_path) -> None:
    """A button that goes away (Discard them hides with its paragraph, Undo becomes a sentence) hands keyboard focus
    to what replaced it: the Undo button, then the message."""
    page = page_of(ctx, "Globex")
    seed(page, site, {"pb:checklist:partner-fit": {"answers": {"champion": 3, "complementary": 2}, "notes": {}}})
    with_data(page, drop_item("complementary"))
    open_fit(page, site)
    page.get_by_role("button", name="Discard them").focus()
    page.keyboard.press("Enter")
    undo = page.locator(".pb-kept__status").get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".pb-kept__status")).to_be_focused()
    expect(page.locator(".pb-kept__status")).to_have_text("Undone: everything is as it was before.")
    assert stored(page, "pb:checklist:partner-fit")["answers"]["complementary"] == 2
    # The toolbar's Undo (an import) and the partnership bar's (a delete) too.
    page.set_input_files("#pb-import-partner-fit", str(write_file(tmp_path, "in.json", export({"champion": 0}))))
    status = page.locator("[data-pb-results] .pb-status")
    status.get_by_role("button", name="Undo").focus()
    page.keyboard.press("Enter")
    expect(status).to_be_focused()
    expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
    page.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
    page.get_by_role("button", name="More partnership actions").click()
    page.get_by_role("menuitem", name="Delete", exact=True).click()
    bar = page.locator(".pb-partnership-bar__status")
    bar.get_by_role("button", name="Undo").focus()
    page.keyboard.press("Enter")
    expect(bar).to_be_focused()


# -- Checklist versions ---------------------------------------------------------------------------------
def test_an_item_removed_keeps_its_answer_until_it_returns_or_is_discarded(ctx, site) -> None:
    page = page_of(ctx)
    long_id = "a-very-long-item-id-from-an-earlier-version-of-this-checklist"
    seed(page, site, {"pb:checklist:partner-fit": {"version": 1, "answers": {"champion": 3, "complementary": 2},
                                                   "notes": {"complementary": "Strong in logistics", long_id: "Kept"}}})
    with_data(page, drop_item("complementary"))  # a new version without it
    open_fit(page, site)
    expect(page.locator(".pb-kept")).to_contain_text("complementary")
    expect(page.locator(".pb-kept")).to_contain_text(long_id[:39] + "\u2026")  # a cut id says it was cut
    answer(page, "champion", "1")
    page.locator("input[name='champion-authority'][value='2']").check()
    record = stored(page, "pb:checklist:partner-fit")
    assert record["answers"] == {"champion": 1, "champion-authority": 2, "complementary": 2}  # never overwritten
    assert record["notes"] == {"complementary": "Strong in logistics", long_id: "Kept"}
    backup = json.loads(download(page, lambda: page.evaluate("pbStore.backup()")).read_text())
    assert backup["data"]["pb:checklist:partner-fit"]["answers"]["complementary"] == 2  # in backups
    page.unroute("**/partner-fit/")
    page.reload()  # the item returns
    expect(page.locator("input[name='complementary'][value='2']")).to_be_checked()
    expect(page.locator("textarea[name='complementary--note']")).to_have_value("Strong in logistics")
    expect(page.locator(".pb-kept")).not_to_contain_text("complementary")  # back in the form, no longer kept
    # Discarded on purpose (and that can be undone).
    with_data(page, drop_item("complementary"))
    page.reload()
    page.get_by_role("button", name="Discard them").click()
    assert "complementary" not in stored(page, "pb:checklist:partner-fit")["answers"]
    page.locator(".pb-kept__status").get_by_role("button", name="Undo").click()
    assert stored(page, "pb:checklist:partner-fit")["answers"]["complementary"] == 2


def test_a_renamed_item_keeps_its_answers_note_and_history(ctx, site) -> None:
    page = page_of(ctx)
    seed(page, site, {"pb:checklist:partner-fit": {"answers": {"champion": 3, "complementary": 2},
                                                   "notes": {"complementary": "Logistics"}},
                      "pb:history:partner-fit:default": [{"date": "2026-11-01T10:00:00.000Z",
                                                          "answers": {"complementary": 3}, "notes": {}}]})
    with_data(page, rename_item("complementary", "strengths-complement"))
    open_fit(page, site)
    expect(page.locator("input[name='strengths-complement'][value='2']")).to_be_checked()
    expect(page.locator("textarea[name='strengths-complement--note']")).to_have_value("Logistics")
    expect(page.locator(".pb-kept")).to_be_hidden()
    answer(page, "champion", "2")
    record = stored(page, "pb:checklist:partner-fit")
    assert record["answers"] == {"champion": 2, "strengths-complement": 2}
    assert record["notes"] == {"strengths-complement": "Logistics"}
    # The snapshot saved under the old id still scores the renamed item.
    expect(page.locator(".pb-trend__table tr[data-pb-section='ideal'] td").nth(1)).to_have_text("100%")


# -- Backup and restore ---------------------------------------------------------------------------------
def everything(when: str) -> dict[str, object]:
    """A browser's worth: two partnerships, answers with notes, history, onboarding ticks, a roll-up, the export name."""
    return {
        "pb:partnerships": {"current": "default", "list": [{"id": "default", "name": "My partnership"},
                                                           {"id": "pglobex", "name": "Globex", "ours": "Us"}]},
        "pb:checklist:partner-fit": {"answers": {"champion": 3}, "notes": {"champion": "Met"}, "changed": {"champion": when}},
        "pb:checklist:partner-fit:pglobex": {"answers": {"champion": 1, "complementary": 2}, "notes": {},
                                             "changed": {"champion": when, "complementary": when}},
        "pb:history:partner-fit:pglobex": [{"date": "2026-10-01T09:00:00.000Z", "answers": {"champion": 1}, "notes": {}}],
        "pb:path:employee": {"done": ["trust", "home"]},
        "pb:rollup": {"format": "partnership-playbook/rollup", "formatVersion": 1, "saved": when, "threshold": 25, "files": []},
        "pb:respondent": "Dana Reyes",
    }


def all_stored(page: Page) -> dict[str, object]:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('pb:'))
      .map(k => { const v = localStorage.getItem(k); try { return [k, JSON.parse(v)]; } catch (e) { return [k, v]; } }))""")


def test_backup_restores_everything_in_a_fresh_browser(browser: Browser, site) -> None:
    old = browser.new_context(accept_downloads=True)
    page = old.new_page()
    seed(page, site, everything("2026-11-20T10:00:00.000Z"))
    page.goto(site.url + BOARD)
    expect(page.locator(".pb-backup__last")).to_contain_text("No backup has been made")
    score = page.locator("tr[data-pb-partnership='pglobex'] .pb-portfolio__score").text_content()
    path = download(page, lambda: page.get_by_role("button", name="Back up everything").click())
    expect(page.locator(".pb-backup__last")).to_contain_text("Last backup: ")
    expect(page.locator(".pb-backup__last")).not_to_have_class(re.compile("pb-backup__due"))
    doc = json.loads(path.read_text())
    assert doc["format"] == "partnership-playbook/backup" and doc["formatVersion"] == 1
    assert doc["data"] == everything("2026-11-20T10:00:00.000Z")
    fresh = browser.new_context()
    other = fresh.new_page()
    other.on("dialog", lambda d: pytest.fail("a fresh browser is restored without a question: " + d.message))
    other.goto(site.url + BOARD)
    other.set_input_files("#pb-backup-file", str(path))
    expect(other.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    got = all_stored(other)
    assert {k: v for k, v in got.items() if k != "pb:backup"} == everything("2026-11-20T10:00:00.000Z")
    expect(other.locator("tr[data-pb-partnership='pglobex'] .pb-portfolio__score")).to_have_text(score)
    old.close()
    fresh.close()


def test_backup_merges_into_a_browser_with_data_by_the_stated_rules(ctx, site, tmp_path) -> None:
    page = page_of(ctx)
    backup = {"format": "partnership-playbook/backup", "formatVersion": 1, "made": "2026-11-20T10:00:00.000Z",
              "data": everything("2026-11-20T10:00:00.000Z")}
    later, earlier = "2026-11-25T10:00:00.000Z", "2026-11-10T10:00:00.000Z"
    here = {
        "pb:partnerships": {"current": "pmine", "list": [{"id": "pmine", "name": "  GLOBEX "}, {"id": "pinit", "name": "Initech"}]},
        "pb:checklist:partner-fit:pmine": {"answers": {"champion": 2, "complementary": 0},
                                           "changed": {"champion": later, "complementary": earlier}},
        "pb:history:partner-fit:pmine": [{"date": "2026-10-01T09:00:00.000Z", "answers": {"champion": 1}, "notes": {}},
                                         {"date": "2026-11-02T09:00:00.000Z", "answers": {"champion": 2}, "notes": {}}],
        "pb:path:employee": {"done": ["trust", "week-3-step"]},
        "pb:respondent": "Sam",
        "pb:backup": {"made": (datetime.now(timezone.utc) - timedelta(days=40)).isoformat()},
    }
    seed(page, site, here)
    page.goto(site.url + BOARD)
    expect(page.locator(".pb-backup__last")).to_contain_text("more than 30 days")
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "backup.json", backup)))
    expect(page.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    got = all_stored(page)
    names = [p["name"] for p in got["pb:partnerships"]["list"]]
    assert names == ["  GLOBEX ", "Initech", "My partnership"]  # Globex matched by name, trimmed, any case
    assert got["pb:checklist:partner-fit:pmine"]["answers"] == {"champion": 2, "complementary": 2}  # latest change wins
    assert [s["date"] for s in got["pb:history:partner-fit:pmine"]] == ["2026-10-01T09:00:00.000Z", "2026-11-02T09:00:00.000Z"]
    assert sorted(got["pb:path:employee"]["done"]) == ["home", "trust", "week-3-step"]
    assert got["pb:respondent"] == "Sam" and got["pb:checklist:partner-fit"]["answers"] == {"champion": 3}
    # Undo puts this browser back as it was.
    page.locator(".pb-backup__status").get_by_role("button", name="Undo").click()
    assert all_stored(page) == here



def backup_of(data: dict) -> dict:
    return {"format": "partnership-playbook/backup", "formatVersion": 1, "made": "2026-11-20T10:00:00.000Z", "data": data}


def test_undo_of_a_merge_takes_back_what_it_wrote_under_this_browsers_partnerships(ctx, site, tmp_path) -> None:
    """A merge writes the backup's answers under this browser's ids (Acme matched by name, a taken id renamed), keys
    the file does not name: the Undo takes those back too."""
    when = "2026-11-20T10:00:00.000Z"
    here = {"pb:partnerships": {"current": "default", "list": [{"id": "default", "name": "My partnership"},
                                                               {"id": "pacme", "name": "Acme"}]},
            "pb:checklist:partner-fit": {"answers": {"champion": 3}, "changed": {"champion": when}}}
    page = page_of(ctx)
    seed(page, site, here)
    page.goto(site.url + BOARD)
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", backup_of({
        "pb:partnerships": {"current": "default", "list": [{"id": "default", "name": "Zeta"}, {"id": "pb", "name": "Acme"}]},
        "pb:checklist:partner-fit": {"answers": {"champion": 2}, "changed": {"champion": when}},
        "pb:checklist:partner-fit:pb": {"answers": {"champion": 1}, "changed": {"champion": when}},
        "pb:history:partner-fit:pb": [{"date": when, "answers": {"champion": 1}, "notes": {}}]}))))
    expect(page.locator(".pb-backup__status")).to_contain_text("Merged the backup (4 entries)")
    got = all_stored(page)
    zeta = [p["id"] for p in got["pb:partnerships"]["list"] if p["name"] == "Zeta"][0]
    assert got["pb:checklist:partner-fit:pacme"]["answers"] == {"champion": 1} and "pb:history:partner-fit:pacme" in got
    assert got[f"pb:checklist:partner-fit:{zeta}"]["answers"] == {"champion": 2}
    page.locator(".pb-backup__status").get_by_role("button", name="Undo").click()
    assert all_stored(page) == here
    expect(page.locator("tr[data-pb-partnership]")).to_have_count(2)


def test_a_merge_into_a_browser_without_a_list_of_partnerships_keeps_its_answers_listed(ctx, site, tmp_path) -> None:
    """A browser that never named a partnership keeps its answers under the default one, which the pages list while
    no list is saved; the merge keeps it listed beside the backup's, so no answer hides."""
    when = "2026-11-20T10:00:00.000Z"
    page = page_of(ctx)
    seed(page, site, {"pb:checklist:partner-fit": {"answers": {"champion": 3}, "changed": {"champion": when}}})
    page.goto(site.url + BOARD)
    expect(page.locator("tr[data-pb-partnership='default'] td[data-pb-checklist='partner-fit'] .pb-portfolio__score")).to_have_text("100%")
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", backup_of({
        "pb:partnerships": {"current": "pg", "list": [{"id": "pg", "name": "Globex"}]},
        "pb:checklist:partner-fit:pg": {"answers": {"champion": 0}, "changed": {"champion": when}}}))))
    expect(page.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    assert [(p["id"], p["name"]) for p in stored(page, "pb:partnerships")["list"]] == [
        ("default", "My partnership"), ("pg", "Globex")]
    expect(page.locator("tr[data-pb-partnership]")).to_have_count(2)
    expect(page.locator("tr[data-pb-partnership='default'] td[data-pb-checklist='partner-fit'] .pb-portfolio__score")).to_have_text("100%")
    expect(page.locator("tr[data-pb-partnership='pg'] td[data-pb-checklist='partner-fit'] .pb-portfolio__score")).to_have_text("0%")
    # The other way round: a backup from a browser without a list, into one whose list no longer has the default.
    seed(page, site, {"pb:partnerships": {"current": "pg", "list": [{"id": "pg", "name": "Globex"}]}})
    page.goto(site.url + BOARD)
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "c.json", backup_of({
        "pb:checklist:partner-fit": {"answers": {"champion": 3}, "changed": {"champion": when}}}))))
    expect(page.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    expect(page.locator("tr[data-pb-partnership='default'] td[data-pb-checklist='partner-fit'] .pb-portfolio__score")).to_have_text("100%")


def test_backup_can_replace_everything_after_a_second_question(browser: Browser, site, tmp_path) -> None:
    context = browser.new_context()
    page = context.new_page()
    answers = iter([False, True])  # merge? no. replace? yes.
    page.on("dialog", lambda d: d.accept() if next(answers) else d.dismiss())
    seed(page, site, {"pb:checklist:partner-fit": {"answers": {"champion": 0}}, "pb:path:employee": {"done": ["x"]}})
    page.goto(site.url + BOARD)
    data = everything("2026-11-20T10:00:00.000Z")
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", {
        "format": "partnership-playbook/backup", "formatVersion": 1, "made": "2026-11-20T10:00:00.000Z", "data": data})))
    expect(page.locator(".pb-backup__status")).to_contain_text("Replaced everything")
    assert all_stored(page) == data
    for bad, says in [({"format": "partnership-playbook/backup", "formatVersion": "1", "data": {}}, "whole number"),
                      ({"format": "partnership-playbook/backup", "formatVersion": 1, "data": {"pb:path:x": {"done": 3}}}, "pb:path:x")]:
        page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "bad.json", bad)))
        expect(page.locator(".pb-backup__status")).to_contain_text(says)
    assert all_stored(page) == data
    context.close()


# -- Text from files ------------------------------------------------------------------------------------
def test_text_from_files_stays_text_and_short(ctx, site, tmp_path) -> None:
    page = page_of(ctx)
    open_fit(page, site)
    many = {f"old-item-{n}": 1 for n in range(20)}
    spoof = "Acme\u202egnp.exe\u200b"
    page.set_input_files("#pb-import-partner-fit", str(write_file(tmp_path, "x.json", {
        **export({"champion": 3, **many}, {"champion": "<img src=x onerror=alert(1)> [click](javascript:alert(1)) =1+1"}),
        "respondent": spoof})))
    status = page.locator("[data-pb-results] .pb-status")
    expect(status).to_contain_text("old-item-0, old-item-1, old-item-2, old-item-3, old-item-4 and 15 more")
    markdown = download(page, lambda: choose(page, "Export", "Export Markdown")).read_text()
    assert not re.search(r"(?<!\\)[<\[]", markdown) and "](javascript:" not in markdown and "\\<img" in markdown
    write_note(page, "champion-authority", " =HYPERLINK(\"http://x\")")
    write_note(page, "complementary", "\uff1d1+1")
    rows = list(csv.reader(io.StringIO(download(page, lambda: choose(page, "Export", "Export CSV")).read_text())))
    notes = {r[1]: r[6] for r in rows[1:]}
    assert notes["champion-authority"].startswith("'") and notes["complementary"].startswith("'")
    # A name with direction overrides and zero-width characters loses them, wherever it is shown.
    page.goto(site.url + BOARD)
    page.set_input_files("#pb-rollup-files", str(write_file(tmp_path, "spoof.json", {
        **export({"champion": 3}), "partnership": spoof, "respondent": spoof})))
    grid = page.locator(".pb-rollup__grid")
    expect(grid).to_contain_text("Acmegnp.exe")
    assert "\u202e" not in grid.text_content() and "\u200b" not in grid.text_content()


def test_an_import_that_would_replace_answers_asks_first(browser: Browser, site, tmp_path) -> None:
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    open_fit(page, site)
    answer(page, "champion", "3")
    page.set_input_files("#pb-import-partner-fit", str(write_file(tmp_path, "in.json", export({"champion": 0}))))
    expect(page.locator("[data-pb-results] .pb-status")).to_have_text("Nothing was imported.")
    assert len(asked) == 1 and "Replace the 1 answers and notes" in asked[0]
    assert stored(page, "pb:checklist:partner-fit")["answers"] == {"champion": 3}
    context.close()


def test_the_documented_backup_example_restores(ctx, site, tmp_path) -> None:
    text = (Path(__file__).parent.parent / "docs" / "reference" / "backup-format.md").read_text(encoding="utf-8")
    example = re.search(r'```json title="playbook-backup-[^"]+"\n(.*?)```', text, re.S).group(1)
    page = page_of(ctx)
    page.goto(site.url + BOARD)
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "example.json", example)))
    expect(page.locator(".pb-backup__status")).to_contain_text("Merged the backup (5 entries)")
    got = all_stored(page)
    assert {k: v for k, v in got.items() if k != "pb:backup"} == json.loads(example)["data"]
    expect(page.locator("tr[data-pb-partnership='default'] th .pb-portfolio__name")).to_have_text("Globex")


def test_change_times_in_the_future_or_not_times_never_block_new_answers(ctx, site, tmp_path) -> None:
    """The newer-wins rule reads when each answer changed: a time in the future or no time at all ("9999-01-01",
    "banana"), from a backup or stored so, must never refuse the answers a person gives now, nor beat this browser's."""
    future, banana, last_week = "9999-01-01T00:00:00.000Z", "banana", "2026-11-25T10:00:00.000Z"
    page = page_of(ctx)
    # Stored so (restored before times were checked, or damaged): new answers are still saved.
    seed(page, site, {"pb:checklist:partner-fit": {"answers": {"champion": 1, "complementary": 0},
                                                   "changed": {"champion": future, "complementary": banana}}})
    open_fit(page, site)
    answer(page, "champion", "3")
    answer(page, "complementary", "2")
    assert stored(page, "pb:checklist:partner-fit")["answers"] == {"champion": 3, "complementary": 2}
    # Merged from a backup: this browser's answers stay, and the person is told nothing was lost.
    seed(page, site, {"pb:checklist:partner-fit": {"answers": {"champion": 2, "complementary": 2},
                                                   "changed": {"champion": last_week, "complementary": last_week}}})
    page.goto(site.url + BOARD)
    odd = backup_of({"pb:checklist:partner-fit": {"answers": {"champion": 0, "complementary": 0}, "saved": future,
                                                  "changed": {"champion": future, "complementary": banana}}})
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "odd.json", odd)))
    status = page.locator(".pb-backup__status")
    expect(status).to_contain_text("Merged the backup")
    expect(status).to_contain_text("3 change times in the backup")
    expect(status).to_contain_text("nothing here was lost")
    assert stored(page, "pb:checklist:partner-fit")["answers"] == {"champion": 2, "complementary": 2}
    # Restored into an empty browser: the times are not kept, and the next answers are saved.
    seed(page, site, {})
    page.goto(site.url + BOARD)
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "odd.json", odd)))
    expect(status).to_contain_text("Merged the backup")
    record = stored(page, "pb:checklist:partner-fit")
    assert record["answers"] == {"champion": 0, "complementary": 0}
    assert "saved" not in record and record["changed"] == {}, record
    open_fit(page, site)
    answer(page, "champion", "3")
    page.reload()
    expect(page.locator("input[name='champion'][value='3']")).to_be_checked()


def test_a_restore_keeps_its_undo_when_the_board_fails_to_redraw(ctx, site, tmp_path) -> None:
    """The Undo is offered before the board is redrawn: a redraw that fails leaves the restore undoable."""
    here = {"pb:checklist:partner-fit": {"answers": {"champion": 3}, "changed": {"champion": "2026-11-25T10:00:00.000Z"}}}
    page = page_of(ctx)
    seed(page, site, here)
    page.goto(site.url + BOARD)
    expect(page.locator(".pb-backup")).to_have_count(1)
    page.evaluate("""() => { const api = document.querySelector('[data-pb-portfolio]').pbPortfolio, draw = api.redraw;
      let once = true;
      api.redraw = function () { if (once) { once = false; throw new Error('the board failed'); } return draw.apply(this, arguments); }; }""")
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", backup_of(everything("2026-11-20T10:00:00.000Z")))))
    status = page.locator(".pb-backup__status")
    expect(status).to_contain_text("Merged the backup")
    expect(status).to_contain_text("reload the page")
    status.get_by_role("button", name="Undo").click()
    expect(status).to_have_text("Undone: everything is as it was before.")
    assert all_stored(page) == here


def test_answers_under_a_partnership_the_backup_does_not_list_are_kept_apart_and_shown(ctx, site, tmp_path) -> None:
    """A backup's answers or history under a partnership id its own list lacks get a partnership of their own, named
    so a person sees them: never merged into this browser's partnership that happens to have the same id, never hidden."""
    old, new = "2026-11-10T10:00:00.000Z", "2026-11-20T10:00:00.000Z"
    here = {"pb:partnerships": {"current": "pzzz", "list": [{"id": "pzzz", "name": "Initech"}]},
            "pb:checklist:partner-fit:pzzz": {"answers": {"champion": 3}, "changed": {"champion": old}}}
    page = page_of(ctx)
    seed(page, site, here)
    page.goto(site.url + BOARD)
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", backup_of({
        "pb:partnerships": {"current": "pg", "list": [{"id": "pg", "name": "Globex"}]},
        "pb:checklist:partner-fit:pg": {"answers": {"champion": 1}, "changed": {"champion": new}},
        "pb:checklist:partner-fit:pzzz": {"answers": {"champion": 0}, "changed": {"champion": new}},
        "pb:history:partner-fit:pold": [{"date": new, "answers": {"champion": 2}, "notes": {}}]}))))
    expect(page.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    got = all_stored(page)
    assert got["pb:checklist:partner-fit:pzzz"]["answers"] == {"champion": 3}  # Initech's own, untouched
    listed = {p["name"]: p["id"] for p in got["pb:partnerships"]["list"]}
    assert set(listed) == {"Initech", "Globex", "Partnership pzzz (from a backup)", "Partnership pold (from a backup)"}
    assert got[f"pb:checklist:partner-fit:{listed['Partnership pzzz (from a backup)']}"]["answers"] == {"champion": 0}
    assert got[f"pb:history:partner-fit:{listed['Partnership pold (from a backup)']}"][0]["answers"] == {"champion": 2}
    expect(page.locator("tr[data-pb-partnership]")).to_have_count(4)
    expect(page.locator(".pb-portfolio__name", has_text="Partnership pzzz (from a backup)")).to_have_count(1)
    page.locator(".pb-backup__status").get_by_role("button", name="Undo").click()
    assert all_stored(page) == here


def test_a_restore_held_while_storage_is_full_joins_the_partnerships_another_tab_saves(ctx, site, tmp_path) -> None:
    """Into a browser without a list of partnerships, with storage full: the restore's list is held and applied again
    over the list another tab saves meanwhile; once written, both tabs' partnerships are listed (joined by id)."""
    a, b = page_of(ctx), page_of(ctx, "Initech")
    a.add_init_script(FULL)
    a.goto(site.url + BOARD)
    a.evaluate("window.pbFull = true")
    a.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", backup_of({
        "pb:partnerships": {"current": "pg", "list": [{"id": "pg", "name": "Globex"}]},
        "pb:checklist:partner-fit:pg": {"answers": {"champion": 1}, "changed": {"champion": "2026-11-20T10:00:00.000Z"}}}))))
    expect(a.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    expect(a.locator(".pb-unsaved")).to_be_visible()
    open_fit(b, site)
    b.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
    expect(b.locator("select.pb-partnership option:checked")).to_have_text("Initech")
    a.evaluate("window.pbFull = false")
    answer(b, "champion", "3")  # a write from B: A writes what it holds with it
    expect(a.locator(".pb-unsaved")).to_have_count(0)
    assert [p["name"] for p in stored(a, "pb:partnerships")["list"]] == ["My partnership", "Initech", "Globex"]
    expect(a.locator("tr[data-pb-partnership]")).to_have_count(3)


def test_undo_of_a_restore_keeps_every_snapshot_when_two_share_a_date(ctx, site, tmp_path) -> None:
    """Undo lines up list entries by their id or date; when one list holds a date twice, lining up by date would fold
    two snapshots into one: each snapshot this browser had comes back, whatever another tab saved since."""
    same = "2026-10-01T09:00:00.000Z"
    here = {"pb:checklist:partner-fit": {"answers": {"champion": 3}, "changed": {"champion": same}},
            "pb:history:partner-fit:default": [{"date": same, "answers": {"champion": 1}, "notes": {}},
                                               {"date": same, "answers": {"champion": 2}, "notes": {}}]}
    a, b = page_of(ctx), page_of(ctx)
    seed(a, site, here)
    a.goto(site.url + BOARD)
    a.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", backup_of({
        "pb:history:partner-fit:default": [{"date": "2026-11-01T09:00:00.000Z", "answers": {"champion": 0}, "notes": {}}]}))))
    expect(a.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    open_fit(b, site)
    b.get_by_role("button", name="Save snapshot").click()  # another tab, after the restore
    expect(b.locator(".pb-trend")).to_contain_text("4 snapshots")  # both of this browser's, the backup's, the other tab's
    a.locator(".pb-backup__status").get_by_role("button", name="Undo").click()
    kept = [s["answers"]["champion"] for s in stored(a, "pb:history:partner-fit:default")]
    assert kept == [1, 2, 3], kept  # both of this browser's, and the other tab's since


def test_a_merge_keeps_both_snapshots_of_one_date_and_adds_only_new_ones(ctx, site, tmp_path) -> None:
    """Two snapshots this browser saved with one date are two reviews: a merge keeps both. Only a backup snapshot
    identical to one here is left out; one with the same date and other answers is added beside it."""
    same = "2026-10-01T09:00:00.000Z"
    mine = [{"date": same, "answers": {"champion": 1}, "notes": {}}, {"date": same, "answers": {"champion": 2}, "notes": {}}]
    page = page_of(ctx)
    seed(page, site, {"pb:history:partner-fit:default": mine})
    page.goto(site.url + BOARD)
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", backup_of({"pb:history:partner-fit:default": [
        mine[1], {"date": same, "answers": {"champion": 0}, "notes": {}},
        {"date": "2026-11-01T09:00:00.000Z", "answers": {"champion": 3}, "notes": {}}]}))))
    expect(page.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    kept = [s["answers"]["champion"] for s in stored(page, "pb:history:partner-fit:default")]
    assert sorted(kept) == [0, 1, 2, 3], kept


def test_partnerships_named_in_a_question_keep_what_another_tab_saved_meanwhile(ctx, site, tmp_path) -> None:
    """New partnership and Rename (prompts, on a checklist page and on the board) and a backup merge (a confirm) are
    done after the question, on what is saved then: a partnership or an answer another tab saved while the question
    was open stays."""
    a, b = ctx.new_page(), ctx.new_page()
    for page in (a, b):
        page.on("pageerror", lambda e: ctx.pb_errors.append(str(e)))
    steps = iter([("Globex", "Initech"), ("Globex Corp", "Hooli"), ("Acme", "Umbrella"), ("", "")])

    def meanwhile(dialog) -> None:  # the other tab adds a partnership while this one asks
        reply, theirs = next(steps)
        if theirs:
            b.reply = theirs  # type: ignore[attr-defined]
            b.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
            expect(b.locator("select.pb-partnership option:checked")).to_have_text(theirs)
        else:  # the backup's question: the other tab answers
            answer(b, "complementary", "1")
            expect(b.locator("input[name='complementary'][value='1']")).to_be_checked()
        dialog.accept(reply)
    a.on("dialog", meanwhile)
    b.on("dialog", lambda d: d.accept(b.reply))  # type: ignore[attr-defined]
    seed(a, site, {"pb:checklist:partner-fit": {"answers": {"champion": 0}, "changed": {"champion": "2026-01-01T10:00:00.000Z"}}})
    open_fit(a, site)
    open_fit(b, site)
    bar = a.locator(".pb-partnership-bar__status")
    a.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
    expect(bar).to_contain_text("Started a new partnership: Globex")
    a.get_by_role("button", name="More partnership actions").click()
    a.get_by_role("menuitem", name="Rename", exact=True).click()
    expect(bar).to_contain_text("to \u201cGlobex Corp\u201d")
    assert [p["name"] for p in stored(a, "pb:partnerships")["list"]] == ["My partnership", "Initech", "Globex Corp", "Hooli"]
    a.goto(site.url + BOARD)
    a.get_by_role("button", name="New partnership").click()
    expect(a.locator("p.pb-status", has_text="Added Acme")).to_have_count(1)
    names = [p["name"] for p in stored(a, "pb:partnerships")["list"]]
    assert names == ["My partnership", "Initech", "Globex Corp", "Hooli", "Umbrella", "Acme"], names
    b.locator("select.pb-partnership").select_option(label="My partnership")
    expect(a.locator("tr[data-pb-partnership]")).to_have_count(6)
    a.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", backup_of({"pb:checklist:partner-fit": {
        "answers": {"champion": 2}, "changed": {"champion": "2026-06-01T10:00:00.000Z"}}}))))
    expect(a.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    assert stored(a, "pb:checklist:partner-fit")["answers"] == {"champion": 2, "complementary": 1}


def test_a_merge_reads_an_item_never_answered_as_older_than_any_answer(ctx, site, tmp_path) -> None:
    """An item a side never answered (no answer, no change time) has no time: the record's last save stands only for
    answers it holds. A newer backup that never had an item keeps this browser's answer to it, and a backup's
    answer to an item never answered here is added, however recently this browser saved its record."""
    last_week, yesterday, today = "2026-11-25T10:00:00.000Z", "2026-12-01T10:00:00.000Z", "2026-12-02T10:00:00.000Z"
    page = page_of(ctx)
    seed(page, site, {"pb:checklist:partner-fit": {"answers": {"champion": 3}, "notes": {"champion": "Mine"},
                                                   "changed": {"champion": last_week, "champion--note": last_week},
                                                   "saved": today}})
    page.goto(site.url + BOARD)
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "b.json", backup_of({"pb:checklist:partner-fit": {
        "answers": {"complementary": 2}, "notes": {"complementary": "Theirs"},
        "changed": {"complementary": last_week, "complementary--note": last_week}, "saved": yesterday}}))))
    expect(page.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    record = stored(page, "pb:checklist:partner-fit")
    assert record["answers"] == {"champion": 3, "complementary": 2}, record
    assert record["notes"] == {"champion": "Mine", "complementary": "Theirs"}, record


def test_a_long_note_is_kept_as_the_page_shows_it(ctx, site) -> None:
    """Notes are kept up to 5,000 characters: the field takes no more, so what a person sees in it after typing or
    pasting is what is saved, never a longer text cut when they leave it."""
    page = page_of(ctx)
    open_fit(page, site)
    page.locator(".pb-item[data-pb-item='champion'] .pb-item__note summary").click()
    box = page.locator("textarea[name='champion--note']")
    box.focus()
    page.keyboard.insert_text("Minutes of the call. " * 300)  # 6,300 characters, pasted
    shown = box.input_value()
    answer(page, "complementary", "2")
    page.reload()
    expect(page.locator("textarea[name='champion--note']")).to_have_value(shown)
    assert len(shown) == 5000


def test_answers_with_storage_turned_off_survive_moving_between_pages(ctx, site) -> None:
    """A browser that lets the page read no storage at all (cookies blocked): what a person answers is kept in the
    page's memory, as when storage is full, so it is still there after reading a guidance page (instant navigation)
    and coming back, and the message offers a backup."""
    page = ctx.new_page()  # Material's own palette script throws on every page ("denied"); ours must not
    page.on("pageerror", lambda e: ctx.pb_errors.append(str(e)) if "playbook.js" in (e.stack or "") else None)
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})")
    open_fit(page, site)
    page.evaluate("window.pbSamePage = true")  # gone if the browser loads the page again instead of navigating
    answer(page, "champion", "3")
    write_note(page, "champion", "Met her twice")
    page.locator(".pb-item[data-pb-item='champion'] .pb-item__guidance").click()
    expect(page.locator("form[data-pb-compare]")).to_have_count(0)
    page.go_back()
    expect(page.locator("form[data-pb-compare]")).to_have_count(1)
    assert page.evaluate("window.pbSamePage") is True
    expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
    expect(page.locator("textarea[name='champion--note']")).to_have_value("Met her twice")
    expect(page.locator(".pb-unsaved")).to_contain_text("Not saved")
    backup = json.loads(download(page, lambda: page.locator(".pb-unsaved").get_by_role("button", name="Download a backup").click()).read_text())
    assert backup["data"]["pb:checklist:partner-fit"]["answers"] == {"champion": 3}
    # Onboarding ticks the same way, under the page's warning.
    for path in ("onboarding/employee/", FIT, "onboarding/employee/"):  # a link followed: Material's instant navigation
        page.evaluate("""u => { const a = document.createElement('a'); a.href = u; a.id = 'pb-go'; a.textContent = 'Go';
          document.querySelector('.md-content__inner').append(a); }""", site.url + path)
        page.locator("#pb-go").click()
        if path != FIT:
            expect(page.locator(".pb-storage-warning")).to_contain_text("ticks will not be kept")
            page.locator("#pb-path-employee-trust").check()
        else:
            expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
    expect(page.locator(".pb-path__count")).to_contain_text("1 of ")
    assert page.evaluate("window.pbSamePage") is True


def test_leaving_with_changes_not_saved_asks_first(browser: Browser, site) -> None:
    """While the store holds changes the browser refused (storage full), closing or reloading the page would lose
    them: the browser asks first. With everything saved it does not."""
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.type), d.dismiss()))
    page.add_init_script(FULL)
    open_fit(page, site)
    answer(page, "champion", "3")
    page.close(run_before_unload=True)  # everything saved: closes without a question
    assert asked == []
    page = context.new_page()
    page.on("dialog", lambda d: (asked.append(d.type), d.dismiss()))
    page.add_init_script(FULL)
    open_fit(page, site)
    page.evaluate("window.pbFull = true")
    answer(page, "champion", "1")
    expect(page.locator(".pb-unsaved")).to_be_visible()
    page.close(run_before_unload=True)
    context.new_page().wait_for_timeout(500)  # lets the question arrive, or the page close
    assert asked == ["beforeunload"] and not page.is_closed()  # stayed: the answer is still on screen, with its backup
    expect(page.locator("input[name='champion'][value='1']")).to_be_checked()
    context.close()


def test_a_damaged_value_is_never_written_over_while_it_cannot_be_set_aside(ctx, site) -> None:
    """Setting a damaged value aside copies it, which needs room a full storage may not have, while writing over it
    may take less: until the copy is made the key is not written (the change waits in memory, said so), and once
    there is room the damaged value goes aside first."""
    page = page_of(ctx)
    page.add_init_script("""(() => {
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (window.pbFull && String(k).startsWith('pb:aside:')) throw new DOMException('full', 'QuotaExceededError');
        return real.call(this, k, v);
      };
      window.pbFull = true;
    })()""")
    seed(page, site, {"pb:checklist:partner-fit": '{"answers": {"champion": 3}, "notes": {"champion": "Years of notes"'})
    open_fit(page, site)
    answer(page, "complementary", "2")
    expect(page.locator(".pb-unsaved")).to_be_visible()
    assert page.evaluate("localStorage.getItem('pb:checklist:partner-fit')").endswith('"Years of notes"')
    page.evaluate("window.pbFull = false")
    answer(page, "champion-authority", "1")
    expect(page.locator(".pb-unsaved")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('pb:aside:pb:checklist:partner-fit')").endswith('"Years of notes"')
    assert stored(page, "pb:checklist:partner-fit")["answers"] == {"complementary": 2, "champion-authority": 1}
