"""A step knows its programme (issue 23, item 1): followed through its step pages, phone and desktop, both editions.

`follow()` is also what tests/test_bundle.py runs on the partner zip opened from disk.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from macros.content.anchors import scan_docs
from macros.content.onboarding import Path_, for_edition, load_paths

ROOT = Path(__file__).resolve().parent.parent
DOCS = scan_docs(ROOT / "docs")
PATHS = load_paths(ROOT / "data" / "onboarding", DOCS, ROOT)
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


def programme(pid: str, edition: str) -> Path_:
    return for_edition(PATHS, edition, DOCS)[0][pid]


def at_least_24(target: Locator) -> None:
    box = target.bounding_box()
    assert box is not None and box["width"] >= 24 and box["height"] >= 24, f"a target of {box}"


def step_is(page: Page, path: Path_, n: int) -> Locator:
    """The bar on step n (1-based) of `path`; checks what it says and its targets."""
    bar = page.locator(".pb-steps__bar")
    expect(bar).to_have_count(1)
    expect(bar.locator(".pb-steps__count")).to_have_text(f"Step {n} of {len(path.steps)}")
    expect(bar.locator(".pb-steps__programme")).to_have_text(path.title)
    page_name = Path(path.steps[n - 1].page.partition("#")[0]).stem
    assert page_name == "index" or page_name in page.url, (page.url, page_name)
    for target in (bar.locator(".pb-steps__done"), bar.locator(".pb-steps__box"), bar.locator(".pb-steps__next"),
                   bar.locator(".pb-steps__programme")):
        at_least_24(target)
    return bar


def follow(page: Page, programme_url: str, path: Path_, *, instant: bool) -> None:
    """Start, three steps (two marked done), back, Continue, the remembered programme, the last step, completion."""
    total, pid = len(path.steps), path.id
    page.goto(programme_url)
    page.evaluate("localStorage.clear()")
    page.reload()
    go = page.locator(".pb-path__continue")
    expect(go).to_have_text(f"Start: step 1, {path.steps[0].title}")
    at_least_24(page.locator(f"#pb-path-{pid}-{path.steps[0].id}"))
    at_least_24(page.locator(".pb-path__open").first)
    go.click()
    page.evaluate("window.pbStillThisPage = true")  # gone after a full load: shows instant navigation ran
    for n in (1, 2, 3):
        bar = step_is(page, path, n)
        expect(bar.locator(".pb-steps__box")).not_to_be_checked()
        if n == 3:
            break
        bar.locator(".pb-steps__box").check()
        expect(bar.locator(".pb-steps__next")).to_have_text(f"Next: {path.steps[n].title}")
        bar.locator(".pb-steps__next").click()
        expect(page.locator(".pb-steps__count")).to_have_text(f"Step {n + 1} of {total}")
        if instant:
            assert page.evaluate("window.pbStillThisPage === true"), "a full page load, not instant navigation"

    # Back to the programme: two done, Continue goes to the first open step.
    page.locator(".pb-steps__programme").click()
    expect(page.locator(".pb-path__count")).to_have_text(f"2 of {total} steps done")
    expect(page.locator(f"#pb-path-{pid}-{path.steps[1].id}")).to_be_checked()
    expect(go).to_have_text(f"Continue: step 3, {path.steps[2].title}")
    expect(page.locator(".pb-path__finished")).to_be_hidden()
    go.click()
    step_is(page, path, 3)
    if instant:
        assert page.evaluate("window.pbStillThisPage === true")

    # Reached without the programme's link (menu, search, a bookmark): the followed programme is remembered.
    plain = page.url.split("?")[0]
    page.goto(page.url.replace(f"?programme={pid}", "").split("#")[0])
    assert "programme=" not in page.url and page.url.startswith(plain.split("#")[0])
    expect(step_is(page, path, 3).locator(".pb-steps__box")).not_to_be_checked()

    # Every step but the last ticked on the programme page; Continue leads to the last; done there completes it.
    page.goto(programme_url)
    for step in path.steps[:-1]:
        page.locator(f"#pb-path-{pid}-{step.id}").check()
    expect(page.locator(".pb-path__count")).to_have_text(f"{total - 1} of {total} steps done")
    go.click()
    bar = step_is(page, path, total)
    bar.locator(".pb-steps__box").check()
    expect(bar.locator(".pb-steps__next")).to_have_text("Last step: back to the programme")
    bar.locator(".pb-steps__next").click()
    expect(page.locator(".pb-path__count")).to_have_text(f"{total} of {total} steps done: programme complete.")
    today = page.evaluate("pbKit.localDay(new Date().toISOString())")  # the programme page has loaded by now
    expect(page.locator(".pb-path__finished")).to_have_text(f"Completed on {today}.")
    expect(go).to_be_hidden()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download completion record (CSV)").click()
    assert info.value.suggested_filename == f"{pid}-completed-{today}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert [r["step"] for r in rows] == [s.id for s in path.steps]
    assert {(r["programme"], r["programme_title"], r["completed_on"], r["done_on"]) for r in rows} == {
        (pid, path.title, today, today)}


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_the_employee_programme_step_by_step(page: Page, site, size: str) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size])))
    follow(page, site.url + "onboarding/employee/", programme("employee", "internal"), instant=True)


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_the_partner_programme_step_by_step(page: Page, public_site, size: str) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size])))
    follow(page, public_site.url + "onboarding/partner/", programme("partner", "public"), instant=True)


@pytest.mark.browser
def test_a_step_page_not_followed_from_a_programme_stays_plain(page: Page, site) -> None:
    """No link naming a programme and none remembered: no bar. A link naming another page's programme: no bar.

    Neither downloads the bar's component (onboarding.js): a checklist that is a step keeps its budget.
    """
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url.rsplit("/", 1)[-1]))
    page.goto(site.url + "principles/trust/")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_function("window.pbStepsLoaded === true")
    page.goto(site.url + "principles/why-partner/?programme=partner")  # a step of employee only
    page.wait_for_function("window.pbStepsLoaded === true")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".pb-steps__bar")).to_have_count(0)
    assert "steps.js" in loaded and "onboarding.js" not in loaded
    assert page.evaluate("window.pbPathLoaded") is None
    # The same page in two programmes: the link decides which one the bar follows.
    page.goto(site.url + "principles/trust/?programme=partner")
    expect(page.locator(".pb-steps__count")).to_have_text(f"Step 1 of {len(programme('partner', 'internal').steps)}")
    page.goto(site.url + "principles/trust/?programme=employee")
    expect(page.locator(".pb-steps__count")).to_have_text(f"Step 3 of {len(programme('employee', 'internal').steps)}")


@pytest.mark.browser
def test_ticks_saved_before_dates_were_kept_still_read(page: Page, site) -> None:
    path = programme("employee", "internal")
    ids = [s.id for s in path.steps]
    page.goto(site.url + "onboarding/employee/")
    page.evaluate("ids => localStorage.setItem('pb:path:employee', JSON.stringify({done: ids}))", ids[:2])
    page.reload()
    expect(page.locator(".pb-path__count")).to_have_text(f"2 of {len(ids)} steps done")
    expect(page.locator(".pb-path__finished")).to_be_hidden()
    expect(page.locator(".pb-path__continue")).to_have_text(f"Continue: step 3, {path.steps[2].title}")
    page.evaluate("ids => localStorage.setItem('pb:path:employee', JSON.stringify({done: ids}))", ids)
    page.reload()
    expect(page.locator(".pb-path__count")).to_have_text(f"{len(ids)} of {len(ids)} steps done: programme complete.")
    expect(page.locator(".pb-path__finished")).to_have_text(
        "Complete (no date: some steps were ticked before this playbook kept dates).")
    # Unticked and ticked again, a step gets its date; the others stay done.
    page.locator(f"#pb-path-employee-{ids[0]}").uncheck()
    page.locator(f"#pb-path-employee-{ids[0]}").check()
    saved = page.evaluate("JSON.parse(localStorage.getItem('pb:path:employee'))")
    assert sorted(saved["done"]) == sorted(ids) and list(saved["at"]) == [ids[0]]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_bar_and_the_programme_page_pass_axe(browser, site, scheme: str) -> None:
    """axe-core on the bar of a followed step page (drawn only then) and on a programme part done and all done.

    Only this component is checked: tests/test_accessibility.py checks the rest of every page.
    """
    from test_accessibility import AXE, SERIOUS
    serious = SERIOUS.replace("axe.run(document,", "axe.run(document.querySelector('.pb-steps, .pb-path'),")
    assert serious != SERIOUS
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    ids = [s.id for s in programme("employee", "internal").steps]
    found = {}
    for url, done in (("principles/trust/?programme=employee", ids[:1]), ("onboarding/employee/", ids[:1]),
                      ("onboarding/employee/", ids)):
        page.goto(site.url + url)
        page.evaluate("ids => localStorage.setItem('pb:path:employee', JSON.stringify({done: ids}))", done)
        page.reload()
        page.locator(".pb-steps__bar, .pb-path__count").first.wait_for()
        found[f"{url} {len(done)}"] = page.evaluate(serious)
    context.close()
    assert found == {key: [] for key in found}


@pytest.mark.browser
def test_a_browser_that_keeps_nothing_still_shows_the_bar_and_says_so(page: Page, public_site) -> None:
    """Storage refuses writes: the link still names the programme; ticks stay in memory through the one store
    (store.js), whose message says they are not saved; the programme page counts them, with their day."""
    page.add_init_script("Storage.prototype.setItem = function () { throw new Error('QuotaExceededError'); };")
    path = programme("partner", "public")
    page.goto(public_site.url + "principles/win-win/?programme=partner")
    bar = step_is(page, path, 2)
    bar.locator(".pb-steps__box").check()
    expect(page.locator(".pb-unsaved")).to_have_count(1)
    page.goto(public_site.url + "onboarding/partner/")
    for step in path.steps:
        page.locator(f"#pb-path-partner-{step.id}").check()
    today = page.evaluate("pbKit.localDay(new Date().toISOString())")
    expect(page.locator(".pb-path__finished")).to_have_text(f"Completed on {today}.")
    expect(page.locator(".pb-unsaved")).to_have_count(1)


@pytest.mark.browser
def test_a_backup_merge_keeps_when_each_step_was_ticked(page: Page, site, tmp_path: Path) -> None:
    """Restoring a backup joins the steps (store.js, backup.js) and keeps their tick times, this browser's first."""
    from test_browser_store import BOARD, all_stored, seed, write_file
    mine, theirs, home = "2026-11-25T10:00:00.000Z", "2026-11-02T10:00:00.000Z", "2026-11-03T10:00:00.000Z"
    seed(page, site, {"pb:path:employee": {"done": ["trust"], "at": {"trust": mine}}})
    backup = {"format": "partnership-playbook/backup", "formatVersion": 1, "made": "2026-11-20T10:00:00.000Z",
              "data": {"pb:path:employee": {"done": ["trust", "home"], "at": {"trust": theirs, "home": home}}}}
    page.on("dialog", lambda dialog: dialog.accept())  # merge, not replace
    page.goto(site.url + BOARD)
    page.set_input_files("#pb-backup-file", str(write_file(tmp_path, "backup.json", backup)))
    expect(page.locator(".pb-backup__status")).to_contain_text("Merged the backup")
    got = all_stored(page)["pb:path:employee"]
    assert sorted(got["done"]) == ["home", "trust"] and got["at"] == {"trust": mine, "home": home}
