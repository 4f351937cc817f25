"""The partner edition by allowlist (issue 20, items 1, 2 and 5): realistic author mistakes, each with a canary.

Pages opt in (`audience: public`), files opt in (a public page refers to them),
and nothing derived from internal content (titles, headings, labels) reaches
partners. The mistakes that must build are planted together in one copy of
the project, built once as the partner edition (and once as the internal one,
to show each plant really reaches an output when nothing filters it), zipped
once and printed once; every canary is searched for in every file. The
mistakes that must stop the partner build are built separately, with their
message asserted word for word. Helpers: tests/conftest.py ("Partner corpus").
"""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import (ROOT, PartnerBuild, add_page, append_to, find_canaries, output_texts, pdf_text,
                      plant_and_build_partner)


@dataclass(frozen=True)
class Case:
    mistake: str  # what an author did, in their words
    canary: str
    plant: Callable[[Path], None]
    in_internal: bool = True  # the internal edition publishes it (False: neither edition does)


def svg(text: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>{text}</text></svg>\n'


def write(project: Path, path: str, text: str) -> None:
    target = project / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def add_section_to_nav(project: Path, title: str, pages: list[str]) -> None:
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["nav"].append({title: pages})
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def add_items(project: Path, checklist: str, items: str) -> None:
    """A section of items appended to data/checklists/<checklist>.yml (its last key is `sections:`)."""
    append_to(project / "data" / "checklists" / f"{checklist}.yml",
              "  - id: planted\n    title: Planted\n    items:\n" + textwrap.indent(textwrap.dedent(items), "      "))


# -- Mistakes that build: the partner edition must hold none of their canaries --------------------------------
def new_page_without_front_matter(p: Path) -> None:
    add_page(p, "deals/pricing.md", "# Pricing floor CANARY-NOFM-1c2d\n\nOur floor is 12 percent.\n\n"
                                    "![Floor chart](../assets/deals/floor-chart.svg)\n", "Pricing CANARY-NOFM-1c2d")


def front_matter_without_audience(p: Path) -> None:
    add_page(p, "deals/renewals.md", "---\ntitle: Renewal terms CANARY-NOAUD-2e4f\ndescription: How we renew.\n---\n\n"
                                     "# Renewals\n\nThe [price list](../downloads/price-list.csv).\n")


def audience_in_a_yaml_comment(p: Path) -> None:
    add_page(p, "deals/margins.md", "---\n# audience: public\ntitle: Margins\n---\n\n# Margins CANARY-COMMENTED-3a5b\n")


def section_index_without_audience(p: Path) -> None:
    write(p, "docs/programme/index.md", "# Partner programme CANARY-INDEX-4c6d\n\nTiers and rebates.\n")
    write(p, "docs/programme/tiers.md", "---\naudience: public\n---\n\n# Tiers\n\nEvery partner starts here.\n")
    add_section_to_nav(p, "Programme", ["programme/index.md", "programme/tiers.md"])


def step_to_a_page_without_audience(p: Path) -> None:
    append_to(p / "data" / "onboarding" / "partner.yml",
              "  - id: deals\n    title: Deals\n    steps:\n      - id: pricing\n"
              "        title: Read the pricing floor CANARY-STEP-5d7e\n        page: deals/pricing.md\n"
              "        outcome: You know our floor.\n")


def image_only_an_internal_page_uses(p: Path) -> None:
    write(p, "docs/assets/deals/floor-chart.svg", svg("CANARY-IMAGE-6e8f"))


def bak_file_beside_a_page(p: Path) -> None:
    write(p, "docs/principles/trust.md.bak", "# Trust\n\n!!! internal\n    Escalate to CANARY-BAK-7f9a.\n")


def stray_note(p: Path) -> None:
    write(p, "docs/how-to/notes.txt", "Call the partner's CFO before the review. CANARY-NOTE-8a1b\n")


def download_only_an_internal_page_links(p: Path) -> None:
    write(p, "docs/downloads/price-list.csv", "tier,discount\ngold,CANARY-DOWNLOAD-9b2c\n")


def source_map_file(p: Path) -> None:
    write(p, "docs/assets/javascripts/extra.js.map", '{"version":3,"sources":["CANARY-MAP-0c3d.ts"]}\n')


def source_map_comment(p: Path) -> None:
    write(p, "docs/assets/javascripts/extra.js", "window.pbExtra = 1;\n//# sourceMappingURL=CANARY-MAPURL-1d4e.js.map\n")
    append_to(p / "docs" / "how-to" / "part-ways.md", '<script src="../../assets/javascripts/extra.js"></script>\n')


def image_inside_an_internal_passage(p: Path) -> None:
    write(p, "docs/assets/deals/escalation.svg", svg("CANARY-PASSAGE-IMG-2e5f"))
    append_to(p / "docs" / "principles" / "win-win.md",
              '!!! internal "Escalation"\n    ![Ladder](../assets/deals/escalation.svg)\n\nAfter.\n')


def image_inside_an_edition_switch(p: Path) -> None:
    write(p, "docs/assets/deals/board.svg", svg("CANARY-SWITCH-IMG-3f6a"))
    append_to(p / "docs" / "index.md", "{% if not partner_edition %}\n![Board](assets/deals/board.svg)\n{% endif %}\n")


def public_guidance_list_with_internal_headings(p: Path) -> None:
    page = p / "docs" / "reference" / "guidance-headings.md"
    page.write_text(page.read_text().replace("audience: internal", "audience: public"))
    append_to(p / "docs" / "reference" / "approvals.md", "## Escalation contacts CANARY-GUIDE-LIST-4a7b {#contacts}\n")


def switched_heading_in_the_guidance_list(p: Path) -> None:
    append_to(p / "docs" / "index.md", "{% if not partner_edition %}\n## Walk-away terms CANARY-SWITCH-HEAD-5b8c "
                                       "{#walk-away-terms}\n\nOur limits.\n{% endif %}\n")


def internal_item_under_a_public_heading(p: Path) -> None:
    add_items(p, "health-check", """\
        - id: escalation
          text: We escalated within a day. CANARY-ASSESSED-6c9d
          guidance: principles/trust.md#favours
          audience: internal
        """)


def internal_checklist_on_a_page_without_audience(p: Path) -> None:
    source = (p / "data" / "checklists" / "onboarding.yml").read_text()
    data = yaml.safe_load(source)
    data.update(id="deal-desk", title="Deal desk CANARY-DESK-7d0e", audience="internal", about="partnership")
    (p / "data" / "checklists" / "deal-desk.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    add_page(p, "deals/desk.md", '---\nrender_macros: true\n---\n\n# Deal desk\n\n{{ checklist("deal-desk") }}\n')


BUILDS: dict[str, Case] = {
    "page without front matter (nav title too)": Case(
        "a new page added to nav with no front matter", "CANARY-NOFM-1c2d", new_page_without_front_matter),
    "front matter without audience": Case(
        "a page with a title and description but no audience", "CANARY-NOAUD-2e4f", front_matter_without_audience),
    "audience commented out": Case(
        "'# audience: public' left as a YAML comment", "CANARY-COMMENTED-3a5b", audience_in_a_yaml_comment),
    "section index without audience": Case(
        "a section's index page without audience, its other page public", "CANARY-INDEX-4c6d",
        section_index_without_audience),
    "onboarding step to an internal page": Case(
        "a partner onboarding step pointing at a page without audience", "CANARY-STEP-5d7e",
        step_to_a_page_without_audience),
    "image only an internal page uses": Case(
        "an image in docs/assets/ used only by a page without audience", "CANARY-IMAGE-6e8f",
        image_only_an_internal_page_uses),
    ".bak beside a page": Case(
        "an editor's backup trust.md.bak holding an internal passage", "CANARY-BAK-7f9a", bak_file_beside_a_page),
    "stray note": Case("a notes.txt left in docs/how-to/", "CANARY-NOTE-8a1b", stray_note),
    "note in overrides": Case(
        "deal notes left in overrides/ beside the theme's files", "CANARY-OVERRIDES-3f6a",
        lambda p: write(p, "overrides/deal-notes.txt", "Walk away at 12k CANARY-OVERRIDES-3f6a\n")),
    "download only an internal page links": Case(
        "a price list linked only from a page without audience", "CANARY-DOWNLOAD-9b2c",
        download_only_an_internal_page_links),
    "source map file": Case(
        "a .map file beside a script in docs/", "CANARY-MAP-0c3d", source_map_file, in_internal=False),
    "sourceMappingURL comment": Case(
        "a script a public page loads, ending with a sourceMappingURL comment", "CANARY-MAPURL-1d4e",
        source_map_comment, in_internal=False),
    "image inside an internal passage": Case(
        "an image shown only inside an '!!! internal' passage of a public page", "CANARY-PASSAGE-IMG-2e5f",
        image_inside_an_internal_passage),
    "image inside an edition switch": Case(
        "an image inside {% if not partner_edition %} on a public page", "CANARY-SWITCH-IMG-3f6a",
        image_inside_an_edition_switch),
    "internal page's headings in the guidance list": Case(
        "the generated list of guidance headings made public while internal pages have headings",
        "CANARY-GUIDE-LIST-4a7b", public_guidance_list_with_internal_headings),
    "switched heading in the guidance list": Case(
        "a heading inside {% if not partner_edition %} on a public page", "CANARY-SWITCH-HEAD-5b8c",
        switched_heading_in_the_guidance_list),
    "internal item in an 'Assessed by' aside": Case(
        "an internal item pointing at a public heading", "CANARY-ASSESSED-6c9d", internal_item_under_a_public_heading),
    "internal checklist on a page without audience": Case(
        "an internal checklist shown on a new page without audience", "CANARY-DESK-7d0e",
        internal_checklist_on_a_page_without_audience),
}
PUBLIC_CONTROL = "PUBLIC-DIAGRAM-8e1f"  # an image a public page shows: it must be published, or the rule drops all


def plant_everything(project: Path) -> None:
    for case in BUILDS.values():
        case.plant(project)
    write(project, "docs/assets/deals/public-diagram.svg", svg(PUBLIC_CONTROL))
    append_to(project / "docs" / "principles" / "trust.md", "![Diagram](../assets/deals/public-diagram.svg)\n")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> PartnerBuild:
    build = plant_and_build_partner(tmp_path_factory.mktemp("corpus") / "project",
                                    tmp_path_factory.mktemp("corpus-out"), plant_everything)
    for config in ("mkdocs-public.yml", "mkdocs.yml"):
        assert build.results[config].returncode == 0, build.log(config)
    return build


CANARIES = {name: case.canary for name, case in BUILDS.items()}


def test_each_plant_reaches_the_internal_edition_so_the_search_can_fail(planted: PartnerBuild) -> None:
    found = find_canaries(output_texts(planted.internal), CANARIES)
    assert set(found) == {name for name, case in BUILDS.items() if case.in_internal}


def test_no_canary_reaches_any_file_of_the_partner_site_or_zip(planted: PartnerBuild) -> None:
    texts = planted.texts()
    assert len(texts) > 100 and any(name.startswith("zip/") for name in texts)
    assert find_canaries(texts, CANARIES) == {}
    control = find_canaries(texts, {"public": PUBLIC_CONTROL})["public"]
    assert "site-public/assets/deals/public-diagram.svg" in control
    assert any(name.startswith("zip/") and name.endswith("public-diagram.svg") for name in control)


def test_no_source_map_is_published_in_either_edition(planted: PartnerBuild) -> None:
    for folder in (planted.public, planted.internal):
        texts = output_texts(folder)
        assert [name for name in texts if name.endswith(".map")] == []
        assert [name for name, text in texts.items() if "sourceMappingURL" in text] == []
    assert [name for name, text in planted.texts().items() if "sourceMappingURL" in text] == []


def test_make_public_prints_its_page_count(planted: PartnerBuild) -> None:
    pages = sorted((planted.project / "docs").rglob("*.md"))
    opted_in = [p for p in pages if get_data(p.read_text())[1].get("audience") == "public"]  # MkDocs' reading
    result = subprocess.run([sys.executable, "-m", "macros.build.safe_build", "mkdocs-public.yml"],
                            cwd=planted.project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"Partner edition: {len(opted_in)} of {len(pages)} pages (front matter says audience: public)\n" \
        in result.stderr
    assert "INFO" not in result.stderr  # the count, not MkDocs' other INFO lines


@pytest.mark.browser
def test_no_canary_reaches_the_partner_pdf(planted: PartnerBuild, browser) -> None:
    text = pdf_text(planted.pdf(browser))
    assert "Partneroracquaintance" in text  # the PDF was read
    assert [name for name, canary in CANARIES.items() if canary.replace(" ", "") in text] == []


# -- Mistakes that stop the partner build: the message, word for word, and nothing published -----------------
# The messages docs/how-to/publish-partner-edition.md quotes (the last test checks it still does).
SWITCHED_HEADING = (
    "field 'guidance': expected guidance on a heading partners can see (a public item's guidance label shows the "
    "heading's words), found 'index.md#floor-price', a heading inside a Jinja block such as {% if partner_edition %} "
    "... {% endif %}, which may show it to one edition only (point the item at a heading outside it, or mark the "
    "item 'audience: internal')")
LINK_TO_INTERNAL = (
    "docs/principles/trust.md: a page in the partner edition links to internal page(s) docs/deals/pricing.md: remove "
    "the link, move it into an '!!! internal' passage, or make the target page public")
NO_ORIGIN = (
    "expected only files with an origin in the partner edition (public pages, files they refer to, the theme's and "
    "plugins' assets, the build's own files), found assets/app.js.map, notes/draft.txt: nothing was published; a "
    "file from docs/ is copied only when a page with 'audience: public' links to it")


def line_of(path: Path, text: str) -> int:
    return path.read_text().splitlines().index(text) + 1


def stopped(tmp_path: Path, plant: Callable[[Path], None]) -> tuple[PartnerBuild, str]:
    build = plant_and_build_partner(tmp_path / "project", tmp_path / "out", plant, internal=False)
    log = build.log()
    assert build.results["mkdocs-public.yml"].returncode != 0 and "Traceback" not in log, log
    return build, log


def nothing_built(build: PartnerBuild) -> bool:
    return not build.public.exists() or not any(build.public.rglob("*.html"))


def test_public_items_and_checklists_that_lean_on_hidden_content_stop_the_build(tmp_path: Path) -> None:
    def plant(p: Path) -> None:
        add_page(p, "deals/pricing.md", "# Pricing\n\n## Floor CANARY-FLOOR-9f2a {#floor}\n")
        append_to(p / "docs" / "index.md", "{% if not partner_edition %}\n## Floor price CANARY-SWITCH-0a3b "
                                           "{#floor-price}\n\nTwelve percent.\n{% endif %}\n")
        append_to(p / "docs" / "principles" / "win-win.md",
                  '!!! internal "Escalation"\n    <p id="escalation">Escalate CANARY-HTMLID-1b4c</p>\n\nAfter.\n')
        add_items(p, "health-check", """\
            - id: floor-known
              text: We know the floor.
              guidance: index.md#floor-price
            - id: escalation-known
              text: We know how to escalate.
              guidance: principles/win-win.md#escalation
            - id: floor-page
              text: We read the pricing page.
              guidance: deals/pricing.md#floor
            """)
        data = yaml.safe_load((p / "data" / "checklists" / "joint-planning.yml").read_text())
        data.update(id="supplier-review", title="Supplier review")
        (p / "data" / "checklists" / "supplier-review.yml").write_text(yaml.safe_dump(data, sort_keys=False))
        add_page(p, "deals/suppliers.md", '---\nrender_macros: true\n---\n\n# Suppliers\n\n'
                                          '{{ checklist("supplier-review") }}\n')
    build, log = stopped(tmp_path, plant)
    source = build.project / "data" / "checklists" / "health-check.yml"
    expected = [
        f"data/checklists/health-check.yml:{line_of(source, '        guidance: index.md#floor-price')}: checklist "
        f"'health-check', item 'floor-known', {SWITCHED_HEADING}",
        f"data/checklists/health-check.yml:{line_of(source, '        guidance: principles/win-win.md#escalation')}: "
        "checklist 'health-check', item 'escalation-known', field 'guidance': expected guidance on a heading "
        "partners can see (a public item's guidance label shows the heading's words), found "
        "'principles/win-win.md#escalation', a heading inside an '!!! internal' passage, which the partner edition "
        "leaves out (point the item at a heading outside it, or mark the item 'audience: internal')",
        f"data/checklists/health-check.yml:{line_of(source, '        guidance: deals/pricing.md#floor')}: checklist "
        "'health-check', item 'floor-page', field 'guidance': expected guidance on a page the partner edition "
        "includes (its front matter says 'audience: public'), found 'deals/pricing.md', which partners do not get "
        "(its front matter does not say 'audience: public'): check that page's front matter, or point the item at "
        "a public page, or mark the item 'audience: internal' to leave it out for partners",
        "data/checklists/supplier-review.yml: checklist 'supplier-review', field 'audience': expected a public "
        "checklist shown on a page the partner edition includes, found checklist 'supplier-review' only on internal "
        "page(s) docs/deals/suppliers.md (mark the checklist 'audience: internal', or show it on a public page)",
    ]
    assert [message for message in expected if message not in log] == [], log
    assert nothing_built(build)  # stopped before any page was written


def test_a_public_page_linking_to_a_page_without_audience_stops_the_build(tmp_path: Path) -> None:
    def plant(p: Path) -> None:
        add_page(p, "deals/pricing.md", "# Pricing CANARY-LINKED-2c5d\n")
        append_to(p / "docs" / "principles" / "trust.md", "See [pricing](../deals/pricing.md).\n")
    _, log = stopped(tmp_path, plant)
    assert LINK_TO_INTERNAL in log


def test_a_label_whose_heading_partners_do_not_get_stops_the_build(tmp_path: Path) -> None:
    """A heading the docs index sees but Markdown does not render (here, inside a raw HTML block): caught after
    Markdown. (One inside an HTML comment is no heading for the docs index at all: tests/test_partner_leaks.py.)"""
    def plant(p: Path) -> None:
        append_to(p / "docs" / "principles" / "trust.md", "<div>\n## Walk-away price CANARY-RAW-3d6e {#walk-away}\n</div>\n")
        add_items(p, "health-check", """\
            - id: walk-away
              text: We agreed a walk-away price.
              guidance: principles/trust.md#walk-away
            """)
        append_to(p / "data" / "onboarding" / "partner.yml",
                  "  - id: prices\n    title: Prices\n    steps:\n      - id: walk-away\n"
                  "        title: Read about walking away\n        page: principles/trust.md#walk-away\n"
                  "        outcome: You know when we stop.\n")
    build, log = stopped(tmp_path, plant)
    line = line_of(build.project / "data" / "checklists" / "health-check.yml",
                   "        guidance: principles/trust.md#walk-away")
    assert f"data/checklists/health-check.yml:{line}: checklist 'health-check', item 'walk-away', field 'guidance'" \
        in log
    assert ("data/onboarding/partner.yml: programme 'partner', step 'walk-away', field 'page': expected a step's page "
            "and heading as partners see them, found 'principles/trust.md#walk-away', a heading the partner edition "
            "does not have") in log


HOOK = '''\
from pathlib import Path


def on_post_build(config):
    site = Path(config["site_dir"])
    (site / "notes").mkdir(exist_ok=True)
    (site / "notes" / "draft.txt").write_text("CANARY-STRAY-4e7f")
    (site / "assets" / "app.js.map").write_text("{}")
'''


def test_a_file_without_an_origin_in_the_partner_site_stops_the_build(tmp_path: Path) -> None:
    def plant(p: Path) -> None:
        (p / "stray_hook.py").write_text(HOOK)
        config = yaml.safe_load((p / "mkdocs.yml").read_text())
        config["hooks"].insert(0, "stray_hook.py")
        (p / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    build, log = stopped(tmp_path, plant)
    assert NO_ORIGIN in log
    # What `make public` runs: the site is built beside the output and swapped in only on success.
    result = subprocess.run([sys.executable, "-m", "macros.build.safe_build", "mkdocs-public.yml"],
                            cwd=build.project, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "notes/draft.txt" in result.stderr
    assert not (build.project / "site-public").exists()


# -- Pages that do not opt in at the top: internal by the allowlist, and stopped by the markup rules (item 3) ---
@pytest.mark.parametrize("name,text,message", [
    ("front matter under the title", "# Price floors CANARY-UNDER-5f8a\n\n---\naudience: public\n---\n\nText.\n",
     "docs/deals/page.md:3: expected front matter only at the very top of the page"),
    ("draft: true", "---\ndraft: true\n---\n\n# Draft terms CANARY-DRAFT-6a9b\n",
     "docs/deals/page.md:2: field 'draft': expected a front matter key from this list"),
])
def test_pages_that_do_not_opt_in_at_the_top_stop_the_build(tmp_path: Path, name: str, text: str,
                                                              message: str) -> None:
    canary = re.search(r"CANARY-\S+", text).group(0)  # type: ignore[union-attr]
    build = plant_and_build_partner(tmp_path / "project", tmp_path / "out",
                                    lambda p: add_page(p, "deals/page.md", text), internal=False)
    assert build.results["mkdocs-public.yml"].returncode != 0, name
    assert message in build.log() and "Traceback" not in build.log()
    assert not build.public.exists() or find_canaries(output_texts(build.public), {name: canary}) == {}


def test_the_publishing_how_to_quotes_the_real_messages() -> None:
    """The messages above, asserted against real builds, are the ones the how-to shows, word for word."""
    howto = (ROOT / "docs" / "how-to" / "publish-partner-edition.md").read_text()
    quoted = [textwrap.dedent(block).strip() for block in re.findall(r"```text\n(.*?)```", howto, re.DOTALL)]
    for message in (SWITCHED_HEADING, LINK_TO_INTERNAL, NO_ORIGIN):
        assert message in quoted, message
    count = next(block for block in quoted if block.startswith("Partner edition: "))
    assert re.fullmatch(r"Partner edition: \d+ of \d+ pages \(front matter says audience: public\)", count)


# -- Which headings partners see (macros/content/partner_view.py), without a build ----------------------------
@pytest.mark.parametrize("body,jinja,hidden", [
    ("{% if not partner_edition %}\n## Floor {#floor}\n{% endif %}\n## Kept {#kept}\n", True, {"floor"}),
    ("{% if partner_edition %}\n## Ours {#ours}\n{% else %}\n## Theirs {#theirs}\n{% endif %}\n", True,
     {"ours", "theirs"}),
    ("{% for x in [1] %}{% if x %}\n## Nested {#nested}\n{% endif %}{% endfor %}\n## After {#after}\n", True,
     {"nested"}),
    ("## Price {% if partner_edition %}(list){% endif %}\n", True,  # words that differ by edition
     {"price-if-partneredition-list"}),
    ('!!! internal "Ladder"\n    <p id="ladder">Escalate</p>\n\n## Kept {#kept}\n', True, {"ladder"}),
    ("Write `{% if %}` blocks like this.\n\n## After {#after}\n", False, set()),  # no Jinja on this page
    ("{% set note = 'x' %}\n## Kept {#kept}\n", True, set()),  # a set with '=' opens no block
])
def test_headings_inside_internal_passages_and_jinja_blocks_are_hidden(body: str, jinja: bool,
                                                                       hidden: set[str]) -> None:
    from macros.content.partner_view import hidden_headings
    assert set(hidden_headings(body, jinja=jinja)) == hidden


def test_a_page_saved_with_a_byte_order_mark_hides_its_switched_headings_too(tmp_path: Path) -> None:
    """What partners see of a page's headings is worked out from the body the docs scan read (byte-order mark
    dropped, front matter apart): a page saved by a Windows editor keeps its Jinja-switched heading hidden."""
    from macros.build.site import partner_view
    from macros.content.anchors import scan_docs
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_bytes("\ufeff---\naudience: public\nrender_macros: true\n---\n\n# P\n\n"
                                "{% if not partner_edition %}\n## Floor {#floor}\n{% endif %}\n"
                                "## Kept {#kept}\n".encode("utf-8"))
    index = scan_docs(docs)
    assert index.audience("p.md") == "public" and {"floor", "kept"} <= set(index.anchors["p.md"])
    seen = partner_view(index).anchors["p.md"]
    assert "kept" in seen and "floor" not in seen
