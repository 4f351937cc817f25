"""The team roll-up on the portfolio board, and the names an export carries (issue 11, items 3 and 5).

Many exports in one file choice (or one drop): each validated as the checklist pages validate an import,
every rejected one named with its reason, the rest rolled up into median, range and respondents per
partnership and checklist. Expected figures are computed here from the files with macros/content/scoring.py.
"""
from __future__ import annotations

import json
import re
import statistics
from math import floor
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import choose
from playwright.sync_api import Browser, Page, expect

from macros.content.audience import for_edition
from macros.content.loader import load_catalog
from macros.content.scoring import score

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
EXPORT_DOC = (ROOT / "docs" / "reference" / "export-format.md").read_text()
FORMAT = "partnership-playbook/assessment"
MARKUP = "<img src=x onerror=\"document.title='pwned'\">"
SCRIPT = "<script>document.title='pwned'</script>"


def documented(title: str) -> str:
    """A JSON example of the export format reference, by its title."""
    return re.search(rf'```json title="{re.escape(title)}"\n(.*?)```', EXPORT_DOC, re.DOTALL).group(1)


@pytest.fixture
def watched(browser: Browser):
    """One browser page per scenario, recording errors, dialogs and every host a request goes to."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.errors, page.hosts, page.dialogs = [], set(), []  # type: ignore[attr-defined]
    page.reply = ""  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    page.on("request", lambda r: page.hosts.add(urlparse(r.url).netloc)  # type: ignore[attr-defined]
            if r.url.startswith("http") else None)
    page.on("dialog", lambda d: (page.dialogs.append(d.message),  # type: ignore[attr-defined]
                                 d.accept(page.reply) if d.type == "prompt" else d.accept()))  # type: ignore[attr-defined]
    yield page
    context.close()
    assert page.errors == [], page.errors  # type: ignore[attr-defined]


def open_board(page: Page, built) -> None:
    """The portfolio page with its board and the roll-up mounted."""
    page.goto(built.url + "portfolio/")
    expect(page.locator(".pb-portfolio .pb-rollup")).to_have_count(1)


def export(cid: str, answers: dict, partnership: str | None = None, respondent: str | None = None,
           exported: str = "2026-11-20T09:00:00.000Z", version: int = 2) -> dict:
    doc = {"format": FORMAT, "formatVersion": version, "checklist": {"id": cid, "version": 1},
           "exported": exported, "answers": answers, "notes": {}}
    if partnership is not None:
        doc["partnership"] = partnership
    if respondent is not None:
        doc["respondent"] = respondent
    return doc


def write(tmp_path: Path, name: str, doc: dict | str) -> Path:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return path


def stored(page: Page) -> dict:
    return page.evaluate("Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


def cell(page: Page, partnership: str, cid: str):
    row = page.locator(".pb-rollup__grid tr").filter(has=page.get_by_role("rowheader", name=partnership, exact=True))
    return row.locator(f"td[data-pb-checklist='{cid}']")


def expected(cid: str, answer_sets: list[dict]) -> tuple[int, int, int, int]:
    """Median (half up), lowest, highest and count of the scores, by macros/content/scoring.py."""
    scores = [score(CATALOG[cid], a).overall for a in answer_sets]
    mid = statistics.median(scores)
    return floor(mid + 0.5), min(scores), max(scores), len(scores)


# Three colleagues on Globex, two on Initech; answers picked so the scores spread.
GLOBEX = [("Ann", {"champion": 3, "champion-authority": 3, "written-criteria": 2}),
          ("Bo", {"champion": 1, "champion-authority": 0, "written-criteria": 1}),
          ("Cy", {"champion": 2, "champion-authority": 2, "written-criteria": "na"})]
INITECH = [("Ann", {"health": 1}), ("Dee", {"health": 1})]


def test_one_choice_of_many_files_rolls_up_the_good_and_names_every_rejected(watched: Page, site, tmp_path: Path) -> None:
    page = watched
    hc = CATALOG["health-check"]
    first = hc.items[0].id
    initech = [(who, {first: 1 if k else hc.max_value}) for k, (who, _) in enumerate(INITECH)]
    files = [write(tmp_path, f"globex-{who}.json", export("partner-fit", a, "Globex", who)) for who, a in GLOBEX]
    files += [write(tmp_path, f"initech-{who}.json", export("health-check", a, " initech ", who))
              for who, a in initech]
    hostile_answers = {"champion": 0}
    files.append(write(tmp_path, "hostile.json", export("partner-fit", hostile_answers, MARKUP, SCRIPT)))
    rejected = {
        "broken.json": (write(tmp_path, "broken.json", "{not json"), "The file is not JSON"),
        "big.json": (write(tmp_path, "big.json", json.dumps(export("partner-fit", {"champion": 1}) | {"pad": "x" * 1_100_000})),
                     "larger than 1 MB"),
        "unknown-checklist.json": (HOSTILE / "unknown-checklist.json", "for another checklist (\u201c<img src=x onerror=alert(1)>\u201d), not one this playbook has"),
        "out-of-range.json": (HOSTILE / "out-of-range.json", "answers this checklist does not allow: champion, champion-authority"),
        "wrong-types.json": (HOSTILE / "wrong-types.json", "wrong type"),
        "newer.json": (write(tmp_path, "newer.json", export("partner-fit", {}, version=3)), "newer playbook (format version 3)"),
        "name-not-text.json": (write(tmp_path, "name-not-text.json", export("partner-fit", {}, respondent={"a": 1})),
                               "The respondent must be a name (text)"),
    }
    open_board(page, site)
    before = stored(page)
    page.set_input_files("#pb-rollup-files", [str(p) for p in files] + [str(p) for p, _ in rejected.values()])
    status = page.locator(".pb-rollup__status")
    expect(status).to_contain_text(f"Rolled up {len(files)} of {len(files) + len(rejected)} files; {len(rejected)} rejected")
    for name, (_, reason) in rejected.items():
        expect(status.locator(".pb-rollup__rejected").filter(has_text=name)).to_contain_text(reason)
    expect(status.locator(".pb-rollup__rejected")).to_have_count(len(rejected))
    # Globex: median, range and count as macros/content/scoring.py computes them from the same answers.
    med, low, high, n = expected("partner-fit", [a for _, a in GLOBEX])
    globex = cell(page, "Globex", "partner-fit")
    expect(globex).to_contain_text(f"Median {med}%")
    expect(globex).to_contain_text(f"Range {low}\u2013{high}%")
    expect(globex).to_contain_text(f"{n} respondents")
    bands = CATALOG["partner-fit"].bands
    band = next(k for k, b in enumerate(bands) if b.min <= med <= b.max)
    tone = floor(band * 4 / (len(bands) - 1) + 0.5)  # the board's five tones (portfolio.css)
    expect(globex).to_have_class(re.compile(rf"\bpb-band--{tone}\b"))
    expect(globex).to_contain_text(bands[band].label)
    # " initech " and "Initech" would be one partnership; the name is shown as the file gives it, trimmed.
    med2, low2, high2, n2 = expected("health-check", [a for _, a in initech])
    expect(cell(page, "initech", "health-check")).to_contain_text(f"Median {med2}%")
    expect(cell(page, "initech", "health-check")).to_contain_text(f"{n2} respondents")
    expect(cell(page, "Globex", "health-check")).to_have_text("No files")
    # The hostile names are text: a row headed by the markup, nothing injected, nothing run.
    expect(page.get_by_role("rowheader", name=MARKUP, exact=True)).to_have_count(1)
    expect(page.locator(".pb-rollup__people")).to_contain_text(SCRIPT)
    assert page.locator(".pb-rollup img, .pb-rollup script").count() == 0
    assert page.title() != "pwned"
    # Disagreement: flagged when the spread is above the threshold, and the threshold is the user's.
    flag = globex.locator(".pb-rollup__flag")
    spread = high - low
    assert spread > 0
    page.fill("#pb-rollup-threshold", str(spread - 1))
    expect(flag).to_have_text(f"\u26a0 Disagree: {spread} points apart")
    # ...and says where: the items answered furthest apart, widest first, with who answered what.
    fit = CATALOG["partner-fit"]
    apart = {}
    for item in fit.items:
        given = [a[item.id] for _, a in GLOBEX if isinstance(a.get(item.id), int)]
        if len(given) > 1 and max(given) > min(given):
            apart[item.id] = floor((max(given) - min(given)) / fit.max_value * 100 + 0.5)
    weight = {i.id: i.weight for i in fit.items}
    widest = max(apart, key=lambda i: (apart[i], weight[i]))  # first of equals, as the page sorts
    agenda = page.locator(".pb-rollup__agenda")
    expect(agenda.locator("h3")).to_have_text("Where respondents disagree")
    first = agenda.locator("ol > li").first
    expect(first).to_contain_text(f"{next(i.text for i in fit.items if i.id == widest)} \u2014 {apart[widest]} points apart")
    label = next(p.label for p in fit.points if p.value == GLOBEX[0][1][widest])
    expect(first).to_contain_text(f"{GLOBEX[0][0]}: {label}")
    expect(agenda.locator("ol > li")).to_have_count(min(3, len(apart)))
    page.fill("#pb-rollup-threshold", str(spread))
    expect(flag).to_have_count(0)
    expect(agenda.locator("li")).to_have_count(0)
    page.fill("#pb-rollup-threshold", str(spread - 1))
    # Nothing is kept until "Save this roll-up"; then the roll-up survives a reload.
    assert stored(page) == before
    expect(page.locator(".pb-rollup__unsaved")).to_be_visible()
    page.get_by_role("button", name="Save this roll-up").click()
    expect(status).to_contain_text(f"Saved this roll-up of {len(files)} files")
    saved = json.loads(stored(page)["pb:rollup"])
    assert saved["threshold"] == spread - 1 and len(saved["files"]) == len(files)
    assert {k: v for k, v in stored(page).items() if k != "pb:rollup"} == before
    # Rejected files, alone or with a file the roll-up already has, change nothing saved.
    after = stored(page)
    page.set_input_files("#pb-rollup-files", [str(p) for p, _ in rejected.values()] + [str(files[0])])
    expect(status).to_contain_text(f"Rolled up 0 of {len(rejected) + 1} files")
    expect(status).to_contain_text("not used: the roll-up already has a file from the same person")
    assert stored(page) == after
    page.reload()
    open_board(page, site)
    expect(cell(page, "Globex", "partner-fit")).to_contain_text(f"Median {med}%")
    expect(page.locator("#pb-rollup-threshold")).to_have_value(str(spread - 1))
    expect(cell(page, "Globex", "partner-fit").locator(".pb-rollup__flag")).to_have_count(1)
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.hosts <= {urlparse(site.url).netloc}  # type: ignore[attr-defined]


def test_files_dropped_on_the_board_roll_up_and_the_board_passes_axe(watched: Page, site) -> None:
    import axe_playwright_python

    page = watched
    page.add_init_script(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    open_board(page, site)
    before = stored(page)
    docs = [export("partner-fit", a, "Globex", who) for who, a in GLOBEX]
    accepted = page.evaluate("""(docs) => {
        const dt = new DataTransfer();
        docs.forEach((d, i) => dt.items.add(new File([JSON.stringify(d)], 'dropped-' + i + '.json')));
        dt.items.add(new File(['<b>not json</b>'], 'broken <b>.json'));
        const board = document.querySelector('[data-pb-portfolio]'), target = board.querySelector('table');
        const over = new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true});
        target.dispatchEvent(over);
        target.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
        return over.defaultPrevented;
    }""", docs)
    assert accepted, "the board must accept a drag of files"
    status = page.locator(".pb-rollup__status")
    expect(status).to_contain_text(f"Rolled up {len(docs)} of {len(docs) + 1} files; 1 rejected")
    expect(status.locator(".pb-rollup__rejected")).to_contain_text("broken <b>.json: rejected. The file is not JSON")
    med, low, high, n = expected("partner-fit", [a for _, a in GLOBEX])
    expect(cell(page, "Globex", "partner-fit")).to_contain_text(f"Median {med}%")
    expect(cell(page, "Globex", "partner-fit")).to_contain_text(f"{n} respondents")
    assert stored(page) == before  # dropped, not saved
    # Keyboard and screen reader: a real table with a caption, status in a live region, axe clean.
    expect(page.locator(".pb-rollup__grid caption")).to_contain_text("median score, range and respondents")
    expect(status).to_have_attribute("role", "status")
    page.locator(".pb-rollup details").evaluate("d => d.open = true")
    serious = page.evaluate("""async () => (await axe.run(document.querySelector('.pb-portfolio'),
        {resultTypes: ['violations']})).violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => [v.id, v.nodes.map(n => n.target.join(' '))])""")
    assert serious == []
    page.get_by_role("button", name="Save this roll-up").focus()
    page.keyboard.press("Enter")
    assert json.loads(stored(page)["pb:rollup"])["files"][0]["export"]["partnership"] == "Globex"


def test_checklist_exports_carry_partnership_and_respondent_and_roll_up(watched: Page, site, tmp_path: Path) -> None:
    page = watched
    page.add_init_script("""if (!localStorage.getItem('pb:partnerships')) localStorage.setItem('pb:partnerships',
        JSON.stringify({current: 'p1', list: [{id: 'default', name: 'My partnership'}, {id: 'p1', name: 'Globex'}]}))""")
    page.reply = "  Ann Example "  # type: ignore[attr-defined]
    page.goto(site.url + "reference/checklists/partner-fit/")
    page.locator("input[name='champion'][value='3']").check()

    def download(action: str) -> dict:
        with page.expect_download() as info:
            choose(page, "Export", action)
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}-{info.value.suggested_filename}"
        info.value.save_as(path)
        return json.loads(path.read_text())

    first = download("Export JSON")
    assert first["formatVersion"] == 2
    assert first["partnership"] == "Globex" and first["respondent"] == "Ann Example"
    assert len(page.dialogs) == 1 and "Your name" in page.dialogs[0]  # type: ignore[attr-defined]
    again = download("Export JSON")
    assert again["respondent"] == "Ann Example" and len(page.dialogs) == 1  # asked once  # type: ignore[attr-defined]
    page.reply = "Bo"  # type: ignore[attr-defined]
    choose(page, "Export", "Your name on exports")
    assert len(page.dialogs) == 2  # type: ignore[attr-defined]
    shared = download("Export for partner (JSON)")
    assert shared["respondent"] == "Bo" and "partnership" not in shared
    assert stored(page)["pb:respondent"] == "Bo"
    # Both files on the board: Ann's under Globex, the partner export under no partnership.
    open_board(page, site)
    page.set_input_files("#pb-rollup-files", sorted(str(p) for p in tmp_path.iterdir()))
    # Ann exported twice: the later file counts, in place of the earlier one.
    expect(page.locator(".pb-rollup__status")).to_contain_text("Rolled up 3 of 3 files")
    expect(page.locator(".pb-rollup__status li").nth(1)).to_contain_text("in place of an older file from the same person")
    expect(cell(page, "Globex", "partner-fit")).to_contain_text("1 respondent")
    people = page.locator(".pb-rollup__people")
    expect(people.locator("tr").filter(has_text="Ann Example")).to_contain_text("Globex")
    expect(people.locator("tr").filter(has_text="Bo")).to_contain_text("Not named")
    expect(page.get_by_role("rowheader", name="Partnership not named")).to_have_count(1)


def test_documented_examples_old_and_new_import_on_the_page_and_roll_up(watched: Page, site, tmp_path: Path) -> None:
    page = watched
    old, new = json.loads(documented("partner-fit-format-1.json")), json.loads(documented("partner-fit-globex-2026-11-22.json"))
    assert old["formatVersion"] == 1 and "partnership" not in old and "respondent" not in old
    for doc in (old, new):  # the documented results are what the scoring rule gives
        assert doc["result"]["overall"] == score(CATALOG["partner-fit"], doc["answers"]).overall
    path = write(tmp_path, "old.json", documented("partner-fit-format-1.json"))
    page.goto(site.url + "reference/checklists/partner-fit/")
    page.set_input_files("#pb-import-partner-fit", str(path))
    expect(page.locator(".pb-status")).to_have_text(f"Imported {len(old['answers'])} answers. Undo")  # undo: issue 21
    expect(page.locator("input[name='champion'][value='2']")).to_be_checked()
    open_board(page, site)
    page.set_input_files("#pb-rollup-files", [str(path), str(write(tmp_path, "new.json", documented("partner-fit-globex-2026-11-22.json")))])
    expect(page.locator(".pb-rollup__status")).to_contain_text("Rolled up 2 of 2 files.")
    expect(cell(page, "Partnership not named", "partner-fit")).to_contain_text(f"Median {old['result']['overall']}%")
    expect(cell(page, "Globex", "partner-fit")).to_contain_text(f"Median {new['result']['overall']}%")
    expect(page.locator(".pb-rollup__people")).to_contain_text(new["respondent"])


def test_partner_edition_rolls_up_without_internal_items_and_stays_on_the_site(watched: Page, public_site,
                                                                               tmp_path: Path) -> None:
    page = watched
    public = for_edition(CATALOG, "public")["partner-fit"]
    internal = next(i.id for i in CATALOG["partner-fit"].items if i.id not in {j.id for j in public.items})
    sets = [("Vendor A", {"champion": 3, internal: 0}), ("Vendor B", {"champion": 1, "written-criteria": 3})]
    # Files made on the partner edition say so (side: partner): on its board they are this side's, under their own name.
    files = [write(tmp_path, f"{who}.json", export("partner-fit", a, "Acme", who) | {"side": "partner"}) for who, a in sets]
    open_board(page, public_site)
    page.set_input_files("#pb-rollup-files", [str(p) for p in files] + [str(HOSTILE / "unknown-checklist.json")])
    status = page.locator(".pb-rollup__status")
    expect(status).to_contain_text("Rolled up 2 of 3 files; 1 rejected")
    expect(status).to_contain_text(f"does not have were left out: {internal}")
    scores = sorted(score(public, {k: v for k, v in a.items() if k != internal}).overall for _, a in sets)
    acme = cell(page, "Acme", "partner-fit")
    expect(acme).to_contain_text(f"Median {floor(statistics.median(scores) + 0.5)}%")
    expect(acme).to_contain_text(f"Range {scores[0]}\u2013{scores[-1]}%")
    assert page.hosts <= {urlparse(public_site.url).netloc}  # type: ignore[attr-defined]


def test_two_tabs_a_saved_roll_up_shows_in_the_other_unless_it_has_its_own(watched: Page, site, tmp_path: Path) -> None:
    a = watched
    b = a.context.new_page()
    open_board(a, site)
    open_board(b, site)
    a.set_input_files("#pb-rollup-files", [str(write(tmp_path, f"{who}.json", export("partner-fit", x, "Globex", who)))
                                           for who, x in GLOBEX])
    expect(cell(a, "Globex", "partner-fit")).to_contain_text(f"{len(GLOBEX)} respondents")
    b.bring_to_front()  # a page in the background checks slowly (no animation frames)
    expect(b.locator(".pb-rollup__grid")).to_have_count(0)  # not saved: the other tab knows nothing of it
    a.bring_to_front()
    a.get_by_role("button", name="Save this roll-up").click()
    b.bring_to_front()
    med = expected("partner-fit", [x for _, x in GLOBEX])[0]
    expect(cell(b, "Globex", "partner-fit")).to_contain_text(f"Median {med}%")
    expect(b.locator(".pb-rollup__status")).to_have_text(f"Showing the roll-up another tab saved ({len(GLOBEX)} files).")
    # A tab showing files not saved yet keeps them when the other tab deletes the saved roll-up.
    b.set_input_files("#pb-rollup-files", str(write(tmp_path, "dee.json", export("partner-fit", {"champion": 3}, "Initech", "Dee"))))
    expect(cell(b, "Initech", "partner-fit")).to_contain_text("1 respondent")
    a.bring_to_front()
    choose(a, "More roll-up actions", "Delete the saved roll-up")
    expect(a.locator(".pb-rollup__grid")).to_have_count(0)
    assert "pb:rollup" not in stored(a)
    b.bring_to_front()
    expect(cell(b, "Initech", "partner-fit")).to_contain_text("1 respondent")
    expect(b.locator(".pb-rollup__unsaved")).to_be_visible()


def test_a_saved_roll_up_is_checked_again_when_read(watched: Page, site) -> None:
    """What storage holds is as untrusted as a file: another checklist, a changed one or a tampered entry is left out."""
    page = watched
    saved = {"format": "partnership-playbook/rollup", "formatVersion": 1, "threshold": 10, "files": [
        {"name": "ann.json", "export": export("partner-fit", {"champion": 3}, "Globex", "Ann")},
        {"name": "gone.json", "export": export("retired-checklist", {"x": 1}, "Globex", "Bo")},
        {"name": "<b id=injected>x</b>", "export": export("partner-fit", {"champion": 9}, MARKUP, "Cy")}]}
    page.add_init_script(f"localStorage.setItem('pb:rollup', {json.dumps(json.dumps(saved))})")
    open_board(page, site)
    expect(page.locator(".pb-rollup__status")).to_have_text(
        "Showing the roll-up saved in this browser (1 file). Left out: 2 files that no longer pass the checks of this playbook.")
    expect(cell(page, "Globex", "partner-fit")).to_contain_text("1 respondent")
    expect(page.locator("#pb-rollup-threshold")).to_have_value("10")
    assert page.locator("#injected").count() == 0


def test_moving_a_file_to_another_partnership_never_drops_one(watched: Page, site, tmp_path: Path) -> None:
    """Two files from one person on the other side, filed under two of our partnerships: moving the second next to
    the first would leave one of them out of the roll-up; it is refused with a message, both files stay, and keyboard
    focus stays on the file's partnership picker after a move."""
    page = watched
    page.goto(site.url)
    page.evaluate("""() => localStorage.setItem('pb:partnerships', JSON.stringify({current: 'default',
      list: [{id: 'default', name: 'My partnership'}, {id: 'pg', name: 'Globex'}]}))""")
    open_board(page, site)

    def theirs(name: str, answer: int, when: str) -> Path:
        return write(tmp_path, name, {**export("partner-fit", {"champion": answer}, respondent="Pat", exported=when),
                                      "side": "partner"})

    page.set_input_files("#pb-rollup-files", str(theirs("pat-new.json", 3, "2026-11-01T10:00:00.000Z")))
    people = page.locator(".pb-rollup__people")
    page.locator(".pb-rollup details.pb-fold > summary").click()
    people.locator("select[aria-label='Partnership of the file pat-new.json']").select_option("Globex")
    expect(people.locator("select[aria-label='Partnership of the file pat-new.json']")).to_be_focused()
    page.set_input_files("#pb-rollup-files", str(theirs("pat-old.json", 0, "2026-10-01T10:00:00.000Z")))
    expect(people.locator("tbody tr")).to_have_count(2)
    old = people.locator("select[aria-label='Partnership of the file pat-old.json']")
    old.select_option("Globex")
    status = page.locator(".pb-rollup__status")
    expect(status).to_contain_text("The file pat-old.json still counts as the partner's side of My partnership")
    expect(status).to_contain_text("pat-new.json")
    expect(people.locator("tbody tr")).to_have_count(2)
    expect(old).to_have_value("My partnership")
    expect(page.locator(".pb-rollup__grid caption")).to_contain_text("from 2 files")
    page.get_by_role("button", name="Save this roll-up").click()
    assert sorted(f["name"] for f in json.loads(stored(page)["pb:rollup"])["files"]) == ["pat-new.json", "pat-old.json"]
