"""Onboarding programmes: validated YAML, edition filtering, and progress in the browser."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from macros.content.anchors import scan_docs
from macros.content.errors import ChecklistErrors
from macros.content.onboarding import for_edition, load_paths, parse_path

ROOT = Path(__file__).resolve().parent.parent
DOCS = scan_docs(ROOT / "docs")
PATHS = load_paths(ROOT / "data" / "onboarding", DOCS, ROOT)


def test_public_partner_path_leaves_out_internal_steps_and_paths() -> None:
    public, errors = for_edition(PATHS, "public", DOCS)
    assert errors == [] and set(public) == {"partner"}
    pages = [s.page for s in public["partner"].steps]
    assert "reference/approvals.md" not in pages and len(pages) == len(PATHS["partner"].steps) - 1


def test_a_public_path_with_only_internal_steps_fails_clearly() -> None:
    text = """id: p\ntitle: P\nsummary: S\nmodules:\n  - id: m\n    title: M\n    steps:
      - {id: a, title: A, page: reference/approvals.md, outcome: O}\n"""
    path = parse_path(text, "data/onboarding/p.yml", DOCS)
    kept, errors = for_edition({"p": path}, "public", DOCS)
    assert kept == {}
    assert str(errors[0]) == ("data/onboarding/p.yml: programme 'p', field 'modules': expected at least one public "
                              "step in a programme the partner edition shows, found only internal steps (mark the "
                              "programme 'audience: internal' or add public steps)")


def test_step_to_a_missing_page_is_an_error() -> None:
    text = "id: p\ntitle: P\nsummary: S\nmodules:\n  - id: m\n    title: M\n    steps:\n" \
           "      - {id: a, title: A, page: nowhere.md, outcome: O}\n"
    with pytest.raises(ChecklistErrors, match="programme 'p', step 'a', field 'page': expected a page that exists in docs/"):
        parse_path(text, "p.yml", DOCS)
    # A near miss is named, as for a checklist's guidance.
    with pytest.raises(ChecklistErrors, match=r"found 'principles/trusst.md', which does not exist \(did you mean 'principles/trust.md'\?\)"):
        parse_path(text.replace("nowhere.md", "principles/trusst.md"), "p.yml", DOCS)


@pytest.mark.browser
def test_progress_is_saved_and_restored(page: Page, site) -> None:
    page.goto(site.url + "onboarding/employee/")
    total = len(PATHS["employee"].steps)
    count = page.locator(".pb-path__count")
    expect(count).to_have_text(f"0 of {total} steps done")
    page.locator("#pb-path-employee-trust").check()
    page.locator("#pb-path-employee-tutorial").check()
    expect(count).to_have_text(f"2 of {total} steps done")
    assert page.locator("progress").evaluate("p => p.value") == 2
    page.reload()
    expect(page.locator("#pb-path-employee-trust")).to_be_checked()
    expect(count).to_have_text(f"2 of {total} steps done")
    expect(page.locator("[data-pb-path-summary]")).to_contain_text("Done: Read \"Trust\"")
    for box in page.locator(".pb-path input[type=checkbox]").all():
        box.check()
    expect(count).to_contain_text("programme complete")
    # Brought in by instant navigation (the page loads its own script), it mounts once, every time.
    page.goto(site.url + "onboarding/")
    for _ in range(2):
        page.locator("article a[href$='employee/']").first.click()
        expect(page.locator("[data-pb-path-summary] h2")).to_have_count(1)
        expect(count).to_contain_text("programme complete")
        assert page.evaluate("document.querySelectorAll('[data-pb-path-summary] .pb-tools').length") == 1
        page.locator("a.md-nav__link[href$='onboarding/']").first.click()
        expect(page.locator("[data-pb-path-summary]")).to_have_count(0)
