"""The portfolio page's data and no-JS content (macros/render/portfolio.py), and the `review_every` field (issue 11)."""
from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

import pytest

from macros.content.audience import for_edition
from conftest import demo_errors, demo_with
from macros.content.loader import load_catalog
from macros.render.portfolio import SCRIPTS, STYLES, portfolio_data, render_portfolio
from macros.render.checklist import checklist_data
from macros.render.portfolio import PAGE_ONLY, for_board

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
SHOWN = {c.id: f"reference/checklists/{c.id}.md" for c in CATALOG}
DATA_ATTR = re.compile(r'data-pb-data="([^"]*)"')


def link(target: str) -> str:
    return "../" + target.replace(".md", "/")


def test_each_checklist_is_the_forms_data_plus_its_page_and_rhythm() -> None:
    data = portfolio_data(CATALOG, SHOWN, link)
    assert [c["id"] for c in data["checklists"]] == [c.id for c in CATALOG]
    for entry, checklist in zip(data["checklists"], CATALOG):
        form = checklist_data(checklist, link)
        assert entry == for_board(form) | {
            "url": f"../reference/checklists/{checklist.id}/", "review_every": checklist.review_every}
        # Less only what the board never reads: each item's guidance link and each band's advice.
        assert all(set(i) == set(j) - set(PAGE_ONLY["items"]) for s, t in zip(entry["sections"], form["sections"])
                   for i, j in zip(s["items"], t["items"]))
        assert all(set(b) == set(c) - set(PAGE_ONLY["bands"]) for b, c in zip(entry["bands"], form["bands"]))
        assert all("text" in i for s in entry["sections"] for i in s["items"])  # the roll-up names items
    assert CATALOG["health-check"].review_every == 90  # a shipped checklist has a rhythm
    assert data["checklists"][0]["review_every"] == 90


def test_partner_edition_data_has_no_internal_item_and_skips_unshown_checklists() -> None:
    public = for_edition(CATALOG, "public")
    # (checklist, item): item ids are unique within a checklist only.
    internal_items = {(c.id, i.id) for c in CATALOG for s in c.sections for i in s.items
                      if "internal" in (c.audience, s.audience, i.audience)}
    assert internal_items
    text = json.dumps(portfolio_data(public, SHOWN, link))
    assert '"internal"' not in text
    kept = {(c["id"], i["id"]) for c in portfolio_data(public, SHOWN, link)["checklists"]
            for s in c["sections"] for i in s["items"]}
    assert kept and not kept & internal_items
    shown = {k: v for k, v in SHOWN.items() if k != "partner-fit"}
    assert "partner-fit" not in [c["id"] for c in portfolio_data(CATALOG, shown, link)["checklists"]]


def test_element_carries_the_data_and_works_without_javascript() -> None:
    hostile = replace(CATALOG["health-check"], id="hostile", title='<script>alert(1)</script> & "co"')
    catalog = type(CATALOG)({"hostile": hostile, "partner-fit": CATALOG["partner-fit"]})
    data = portfolio_data(catalog, {"hostile": "x.md", "partner-fit": "reference/checklists/partner-fit.md"}, link)
    short, element = render_portfolio(data, lambda asset: "../" + asset)
    assert element.count("data-pb-portfolio") == 1 and '<div class="pb-portfolio" data-pb-portfolio ' in element
    (raw,) = DATA_ATTR.findall(element)
    assert json.loads(html.unescape(raw)) == data
    assert "<script>alert" not in element and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;" in short
    # Without JavaScript: what the board is, and each checklist as a link with its rhythm.
    assert "needs JavaScript" in short
    assert '<a href="../x/">' in short and "(review every 90 days)" in short
    assert '<a href="../reference/checklists/partner-fit/">Partner fit</a></li>' in short
    # Print and search get the short version (no <div>: macros/build/slots.py), the page loads the board's files.
    assert "<div" not in short and "<script" not in short
    for asset in SCRIPTS:
        assert f'<script defer src="../{asset}"></script>' in element
    for asset in STYLES:
        assert f'<link rel="stylesheet" href="../{asset}">' in element




@pytest.mark.parametrize("value,days", [("90", 90), ("1", 1), ("3660", 3660)])
def test_review_every_takes_whole_days(value: str, days: int) -> None:
    assert demo_with(f"review_every: {value}").review_every == days


def test_review_every_is_optional() -> None:
    assert demo_with("").review_every is None


@pytest.mark.parametrize("value,found", [
    ("true", "true/false (true)"), ("-7", "the number -7"), ("3661", "the number 3661"),
    ("'90'", "the text '90' in quotes, which make it text (remove the quotes: review_every: 90)"),
    ("[90]", "a list"), ("", "nothing (an empty value)")])
def test_review_every_mistakes_name_file_line_field_expected_and_found(value: str, found: str) -> None:
    assert demo_errors(f"review_every: {value}") == [
        "data/checklists/demo.yml:5: checklist 'demo', field 'review_every': expected a whole number of days "
        f"from 1 to 3660, like 90 for every quarter, found {found}"]


def test_built_portfolio_pages(site, public_site) -> None:
    """Both editions: the page is in the navigation, and each checklist's data is its page's form data."""
    for built, edition in ((site, "internal"), (public_site, "public")):
        page = built.page("portfolio/index.html")
        assert page.count("data-pb-portfolio") == 1
        assert 'href="../../../portfolio/"' in built.page("reference/checklists/partner-fit/index.html")  # nav
        data = json.loads(html.unescape(DATA_ATTR.search(page[page.index("data-pb-portfolio"):]).group(1)))
        base = built.url + "portfolio/"
        ids = [c["id"] for c in data["checklists"]]
        expected = [c.id for c in for_edition(CATALOG, edition)]
        assert ids == expected, edition
        for entry in data["checklists"]:
            url = urljoin(base, entry.pop("url"))
            entry.pop("review_every")
            form_page = built.page(url.removeprefix(built.url) + "index.html")
            form = json.loads(html.unescape(DATA_ATTR.search(form_page[form_page.index("data-pb-checklist="):]).group(1)))
            # The form's data leaves out what its markup shows (section titles, item texts and weights, read back
            # by the page's script): the rest is the board's entry, guidance links (relative to another page) left out.
            shown = {"sections": [{k: v for k, v in s.items() if k != "title"} | {"items": [
                {k: v for k, v in i.items() if k not in ("text", "weight")} for i in s["items"]]}
                for s in entry["sections"]]}
            assert entry | shown == for_board(form), entry["id"]
            for s in entry["sections"]:
                assert f'data-pb-section="{s["id"]}">\n<legend class="pb-section__title">{html.escape(s["title"])}</legend>' in form_page
                for i in s["items"]:
                    weight = int(i["weight"]) if float(i["weight"]).is_integer() else i["weight"]
                    assert f'data-pb-item="{i["id"]}" data-pb-weight="{weight}"' in form_page, (entry["id"], i["id"])
        if edition == "public":
            assert '"internal"' not in json.dumps(data)
