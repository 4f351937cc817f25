"""Each edition's content fits its readers (issue 23, item 3).

Partners never get a checklist or programme about our own staff, and no checklist or programme
has the name of a navigation tab ("Onboarding" the tab, "Onboarding" the checklist).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.content.anchors import scan_docs
from macros.content.audience import for_edition
from macros.content.loader import load_catalog
from macros.content.onboarding import for_edition as paths_for_edition
from macros.content.onboarding import load_paths

ROOT = Path(__file__).resolve().parent.parent
DOCS = scan_docs(ROOT / "docs")
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
PATHS = load_paths(ROOT / "data" / "onboarding", DOCS, ROOT)
# A programme for our own colleagues names them as its readers.
STAFF_WORDS = ("colleague", "employee", "buddy")


def tabs() -> set[str]:
    """The navigation's top-level titles, which Material shows as tabs (navigation.tabs)."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    return {title.casefold() for entry in nav for title in entry}


@pytest.mark.parametrize("edition", ["internal", "public"])
def test_no_checklist_or_programme_is_named_like_a_tab(edition: str) -> None:
    programmes, _ = paths_for_edition(PATHS, edition, DOCS)
    names = {c.title for c in for_edition(CATALOG, edition)} | {p.title for p in programmes.values()}
    clashes = sorted(name for name in names if name.casefold() in tabs())
    assert not clashes, f"named like a tab of the {edition} edition: {clashes}"


def test_the_partner_edition_has_nothing_about_our_own_staff() -> None:
    partner = for_edition(CATALOG, "public")
    people = [c.id for c in partner if c.about == "person"]
    assert not people, f"checklists about a person (our colleagues) in the partner edition: {people}"
    programmes, _ = paths_for_edition(PATHS, "public", DOCS)
    for programme in programmes.values():
        text = f"{programme.title} {programme.summary}".casefold()
        assert not any(word in text for word in STAFF_WORDS), programme.id
    assert DOCS.audience("reference/checklists/onboarding.md") == "internal", "the self-check's page"
