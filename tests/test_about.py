"""What a checklist is about (`about:`): a partnership (the default) or a person, such as onboarding's self-check."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import demo_errors, demo_with
from macros.content.loader import load_catalog
from macros.render.portfolio import portfolio_data, render_portfolio
from macros.render.checklist import PORTFOLIO_LINK, checklist_data, render_checklist

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
SHOWN = {c.id: f"reference/checklists/{c.id}.md" for c in CATALOG}
DATA_ATTR = re.compile(r'data-pb-data="([^"]*)"')


def link(target: str) -> str:
    return "../" + target.replace(".md", "/")


def test_about_defaults_to_partnership_so_existing_checklists_are_unchanged() -> None:
    assert demo_with("").about == "partnership"
    assert {c.id: c.about for c in CATALOG if c.id != "onboarding"} == {
        c.id: "partnership" for c in CATALOG if c.id != "onboarding"}


@pytest.mark.parametrize("value", ["partnership", "person"])
def test_about_takes_partnership_or_person(value: str) -> None:
    assert demo_with(f"about: {value}").about == value


def test_onboarding_is_about_a_person() -> None:
    assert CATALOG["onboarding"].about == "person"


@pytest.mark.parametrize("value,found", [
    ("Person", "the text 'Person' (did you mean 'person'?)"), ("people", "the text 'people'"), ("true", "true/false (true)"),
    ("[person]", "a list (did you mean 'person'?)"), ("", "nothing (an empty value)")])
def test_about_mistakes_name_file_line_field_expected_and_found(value: str, found: str) -> None:
    assert demo_errors(f"about: {value}") == [
        "data/checklists/demo.yml:5: checklist 'demo', field 'about': expected what the checklist is about: "
        f"partnership or person (the default is partnership), found {found}"]


def test_the_form_data_says_what_the_checklist_is_about() -> None:
    assert checklist_data(CATALOG["onboarding"], link)["about"] == "person"
    assert checklist_data(CATALOG["partner-fit"], link)["about"] == "partnership"


def test_a_person_checklist_links_to_no_partner_portfolio() -> None:
    person = render_checklist(CATALOG["onboarding"], link, portfolio="../portfolio/")
    partnership = render_checklist(CATALOG["partner-fit"], link, portfolio="../portfolio/")
    assert PORTFOLIO_LINK in partnership and "pb-checklist__portfolio" in partnership
    assert PORTFOLIO_LINK not in person and "pb-checklist__portfolio" not in person


def test_the_board_lists_partnership_checklists_but_the_roll_up_can_read_person_exports() -> None:
    data = portfolio_data(CATALOG, SHOWN, link)
    # The data keeps every checklist, so rollup.js can validate an onboarding export; each says what it is about.
    assert {c["id"]: c["about"] for c in data["checklists"]}["onboarding"] == "person"
    short, element = render_portfolio(data, lambda asset: "../" + asset)
    assert "../reference/checklists/partner-fit/" in short
    assert "onboarding" not in short and "Onboarding" not in short
    assert json.loads(html.unescape(DATA_ATTR.search(element).group(1))) == data


def test_built_pages_without_javascript(site) -> None:
    onboarding = site.page("reference/checklists/onboarding/index.html")
    partner_fit = site.page("reference/checklists/partner-fit/index.html")
    assert PORTFOLIO_LINK in partner_fit and PORTFOLIO_LINK not in onboarding
    assert "pb-checklist__portfolio" not in onboarding
    board = site.page("portfolio/index.html")
    listing = board[board.index('<ul class="pb-portfolio__checklists">'):]
    listing = listing[:listing.index("</ul>")]
    assert "partner-fit/" in listing and "onboarding/" not in listing
