"""Links in checklist and onboarding texts: a page of docs/ is written as guidance is, relative to docs/, and
becomes an address from whichever page the form is on; partners get links they can open, or no build.

A text can be shown on several pages (and in print and search), so a path relative to the page the author had in
mind (`../../reference/approvals.md`) was published as written: a `.md` address, from the wrong folder, and in the
partner edition the path of an internal page. macros/content/text_links.py, macros/render/text.py `inline`.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import add_page, append_to, plant_and_build_partner
from macros.content.anchors import scan_docs
from macros.content.audience import checklist_for_edition, unseen_links
from macros.content.errors import ChecklistErrors
from macros.content.loader import load_catalog, parse_checklist
from macros.content.onboarding import for_edition as paths_for_edition, parse_path
from macros.render.checklist import render_checklist, render_paper
from macros.render.guidance import href
from macros.render.onboarding import render_path
from macros.render.text import inline

ROOT = Path(__file__).resolve().parent.parent
DOCS = scan_docs(ROOT / "docs")

CHECKLIST = """id: demo
title: Demo
version: 1
summary: {summary}
bands:
  - {{min: 0, max: 49, label: Low, advice: "{advice}"}}
  - {{min: 50, max: 100, label: High, advice: Keep going.}}
sections:
  - id: basics
    title: Basics
    intro: {intro}
    items:
      - id: first
        text: {text}
        guidance: principles/trust.md#fair-price
      - id: second
        text: Another item.
        guidance: principles/trust.md#favours
        audience: internal
"""


def checklist_text(**texts: str) -> str:
    fields = {"summary": "A demo.", "advice": "Work on it.", "intro": "The basics.", "text": "We trust each other."}
    return CHECKLIST.format(**(fields | texts))


def problems(text: str, tmp_path: Path) -> list[str]:
    data = tmp_path / "data" / "checklists"
    data.mkdir(parents=True, exist_ok=True)
    (data / "demo.yml").write_text(text, encoding="utf-8")
    try:
        load_catalog(data, ROOT / "docs", root=tmp_path)
    except ChecklistErrors as caught:
        return [str(error) for error in caught.errors]
    return []


EXPECTED = ("expected a link to another site (https://...) or to a page of docs/, written as guidance paths are "
            "written, relative to docs/, like 'principles/trust.md#the-right-thing'")


@pytest.mark.parametrize(("field", "written", "line", "where", "found"), [
    ("text", "[the approvals](../../reference/approvals.md)", 14, "item 'first', field 'text'",
     "'../../reference/approvals.md', a path from the page it was written for, but the text is shown on other "
     "pages too: write it as guidance paths are written, relative to docs/: reference/approvals.md"),
    ("text", "[trust](/principles/trust.md#fair-price)", 14, "item 'first', field 'text'",
     "'/principles/trust.md#fair-price', a path from the page it was written for, but the text is shown on other "
     "pages too: write it as guidance paths are written, relative to docs/: principles/trust.md#fair-price"),
    ("intro", "See [trust](trust.md#the-right-thing).", 11, "section 'basics', field 'intro'",
     "'trust.md#the-right-thing', which is not a page of docs/: write it as guidance paths are written, relative "
     "to docs/: principles/trust.md#the-right-thing"),
    ("summary", "See [the price](#fair-price).", 4, "field 'summary'",
     "'#fair-price', a heading with no page, but the text is shown on other pages too: write it as guidance paths "
     "are written, relative to docs/: principles/trust.md#fair-price"),
    ("advice", "Read [the guide](www.example.org/guide).", 6, "band 'Low', field 'advice'",
     "'www.example.org/guide', which is not a page of docs/ (a link to another site starts with https://): write "
     "it as guidance paths are written, relative to docs/: principles/trust.md#the-right-thing"),
    ("text", "[x](javascript:alert(1))", 14, "item 'first', field 'text'",
     "'javascript:alert(1', which is not a page of docs/: write it as guidance paths are written, relative to "
     "docs/: principles/trust.md#the-right-thing"),
])
def test_a_link_to_a_page_is_written_relative_to_docs(field: str, written: str, line: int, where: str, found: str,
                                                       tmp_path: Path) -> None:
    text = checklist_text(**{field: f'"{written}"' if field != "advice" else written})
    assert problems(text, tmp_path) == [f"data/checklists/demo.yml:{line}: checklist 'demo', {where}: {EXPECTED}, "
                                        f"found {found}"]


def test_a_missing_heading_stops_the_build_like_a_guidance_link(tmp_path: Path) -> None:
    text = checklist_text(text='"Prices stay [fair](principles/trust.md#fair-prices)."')
    assert problems(text, tmp_path) == [
        "data/checklists/demo.yml:14: checklist 'demo', item 'first', field 'text': expected a heading id that exists "
        "on principles/trust.md, found '#fair-prices', which is not a heading there (did you mean 'fair-price'?)"]


def test_pages_headings_other_sites_and_code_pass(tmp_path: Path) -> None:
    text = checklist_text(
        summary='"See [trust](principles/trust.md) and [us](mailto:team@example.org)."',
        intro='"[Fair price](principles/trust.md#fair-price), [a site](https://example.org/a.md)."',
        text='"Write `[x](../y.md)` to link, not [HTTP](HTTP://example.org)."',
        advice="Read [the approvals](reference/approvals.md#approvals-and-contacts).")
    assert problems(text, tmp_path) == []
    checklist = parse_checklist(text, "demo.yml")
    assert [(link.target, link.field, link.line, link.part, link.part_id) for link in checklist.links] == [
        ("principles/trust.md", "summary", 4, "checklist", None),
        ("reference/approvals.md#approvals-and-contacts", "advice", 6, "band", "Low"),
        ("principles/trust.md#fair-price", "intro", 11, "section", "basics")]


# -- Rendering: an address from the page the form is on ---------------------------------------------------------
LINKED = checklist_text(summary='"See [trust](principles/trust.md)."', intro='"Read [fair price](principles/trust.md#fair-price)."',
                        text='"[Favours](principles/trust.md#favours) are returned; [more](https://example.org)."',
                        advice="Start with [the health check](reference/checklists/health-check.md).")


def linker(url: str, directory_urls: bool = True):
    return lambda target: href(target, url, directory_urls)


@pytest.mark.parametrize(("page_url", "directory_urls", "favours", "health"), [
    ("reference/checklists/demo/", True, "../../../principles/trust/#favours", "../health-check/"),
    ("how-to/", True, "../principles/trust/#favours", "../reference/checklists/health-check/"),
    ("", True, "principles/trust/#favours", "reference/checklists/health-check/"),
    ("how-to/demo.html", False, "../principles/trust.html#favours", "../reference/checklists/health-check.html"),
])
def test_a_link_is_made_from_the_page_the_form_is_on(page_url: str, directory_urls: bool, favours: str,
                                                     health: str) -> None:
    checklist = parse_checklist(LINKED, "demo.yml")
    link = linker(page_url, directory_urls)
    for rendered in (render_checklist(checklist, link), render_paper(checklist, link),
                     render_paper(checklist, link, guidance=False)):
        assert f'<a href="{favours}">Favours</a> are returned' in rendered
        assert '<a href="https://example.org">more</a>' in rendered
        assert ".md" not in "".join(re.findall(r'href="([^"]*)"', rendered))
    assert f'<a href="{health}">the health check</a>' in render_checklist(checklist, link)
    assert f'<a href="{health}">the health check</a>' in render_paper(checklist, link)


def test_without_a_page_a_page_link_is_its_label_and_no_target_becomes_a_scheme() -> None:
    assert inline("[trust](principles/trust.md#x)") == "trust"
    link = linker("")  # from the site's root a relative address is the target itself
    for target in ("javascript:alert(1).md", "data:text/html,x.md", "//evil.example/x.md", "../x.md", "#x"):
        assert "href" not in inline(f"[x]({target})", link), target
    assert inline("[a & b](https://example.org/?a=1&b=2)", link) == \
        '<a href="https://example.org/?a=1&amp;b=2">a &amp; b</a>'


# -- Onboarding programmes: the same rule in a programme's summary and a step's outcome --------------------------
PROGRAMME = """id: p
title: P
summary: {summary}
modules:
  - id: m
    title: M
    steps:
      - id: trust
        title: Read trust
        page: principles/trust.md
        outcome: {outcome}
      - id: approvals
        title: Read approvals
        page: principles/win-win.md
        outcome: You know who approves.
        audience: internal
"""


def test_a_programme_links_pages_as_checklists_do() -> None:
    text = PROGRAMME.format(summary='"Start with [trust](../principles/trust.md)."', outcome="You can say why.")
    with pytest.raises(ChecklistErrors) as caught:
        parse_path(text, "data/onboarding/p.yml", DOCS)
    assert [str(e) for e in caught.value.errors] == [
        f"data/onboarding/p.yml:3: programme 'p', field 'summary': {EXPECTED}, found '../principles/trust.md', a "
        "path from the page it was written for, but the text is shown on other pages too: write it as guidance "
        "paths are written, relative to docs/: principles/trust.md"]
    good = PROGRAMME.format(summary='"Start with [trust](principles/trust.md)."',
                            outcome='"You can say [why](principles/trust.md#favours)."')
    path = parse_path(good, "data/onboarding/p.yml", DOCS)
    rendered = render_path(path, linker("onboarding/partner/"), lambda asset: asset)
    assert '<a href="../../principles/trust/">trust</a>' in rendered
    assert '<span class="pb-path__outcome">You can say <a href="../../principles/trust/#favours">why</a>.</span>' \
        in rendered


# -- Partner edition: a public text links only to what partners can open ----------------------------------------
def docs_with_pages(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "principles").mkdir(parents=True)
    shutil.copy(ROOT / "docs/principles/trust.md", docs / "principles/trust.md")
    (docs / "notes.md").write_text("---\naudience: internal\n---\n\n# Notes\n\n## Floor {#floor}\n", encoding="utf-8")
    (docs / "shared.md").write_text("---\naudience: public\nrender_macros: true\n---\n\n# Shared\n\n## Open {#open}\n\n"
                                    "{% if not partner_edition %}\n## Our margins {#margins}\n{% endif %}\n",
                                    encoding="utf-8")
    return docs


def test_a_public_text_linking_to_what_partners_cannot_open_stops_the_partner_build(tmp_path: Path) -> None:
    from macros.build.site import _hidden_headings
    docs_dir = docs_with_pages(tmp_path)
    docs = scan_docs(docs_dir)
    text = checklist_text(summary='"See [open](shared.md#open)."', intro='"See [the margins](shared.md#margins)."',
                          text='"We share [notes](notes.md)."') + (
        "      - id: third\n        text: Internal [notes](notes.md#floor) stay ours.\n"
        "        guidance: principles/trust.md#favours\n        audience: internal\n")
    checklist = parse_checklist(text, "data/checklists/demo.yml")
    internal = checklist_for_edition(checklist, "internal")
    assert internal is not None and len(internal.links) == 4  # the internal edition keeps every part
    public = checklist_for_edition(checklist, "public")
    assert public is not None and [link.part_id for link in public.links] == [None, "basics", "first"]
    hidden = _hidden_headings(docs, {"shared.md", "notes.md"})
    found = [str(e) for e in unseen_links(public.source, public.id, public.links, docs, hidden)]
    opens = ("expected a link partners can open, to a page the partner edition includes (its front matter says "
             "'audience: public'), found ")
    assert found == [
        f"data/checklists/demo.yml:11: checklist 'demo', section 'basics', field 'intro': {opens}'shared.md#margins', "
        "a heading inside a Jinja block such as {% if partner_edition %} ... {% endif %}, which may show it to one "
        "edition only, so partners cannot open it: link to a heading outside it, remove the link, or mark the "
        "section 'audience: internal'",
        f"data/checklists/demo.yml:14: checklist 'demo', item 'first', field 'text': {opens}'notes.md', a page "
        "partners do not get (its front matter does not say 'audience: public'), so partners cannot open it: link "
        "to a public page, remove the link, or mark the item 'audience: internal'"]


def test_a_public_step_linking_to_an_internal_page_is_found_and_an_internal_one_left_out() -> None:
    text = PROGRAMME.format(summary="Start here.", outcome='"You know [who approves](reference/approvals.md)."')
    text = text.replace("outcome: You know who approves.", 'outcome: "[Approvals](reference/approvals.md)."')
    path = parse_path(text, "data/onboarding/p.yml", DOCS)
    kept, errors = paths_for_edition({"p": path}, "public", DOCS)
    assert errors == [] and [link.part_id for link in kept["p"].links] == ["trust"]
    found = [str(e) for e in unseen_links(path.source, path.id, kept["p"].links, DOCS, {})]
    assert found == [
        "data/onboarding/p.yml:11: programme 'p', step 'trust', field 'outcome': expected a link partners can open, "
        "to a page the partner edition includes (its front matter says 'audience: public'), found "
        "'reference/approvals.md', a page partners do not get (its front matter does not say 'audience: public'), so "
        "partners cannot open it: link to a public page, remove the link, or mark the step 'audience: internal'"]


# -- Real builds: both editions -------------------------------------------------------------------------------
def plant_links(project: Path) -> None:
    """A public item linking a public page, another linking an internal one; the checklist on a second, deeper page."""
    append_to(project / "data/checklists/health-check.yml",
              "  - id: planted-links\n    title: Planted links\n    items:\n"
              "      - id: fair\n        text: \"Prices stay [fair](principles/trust.md#fair-price).\"\n"
              "        guidance: principles/trust.md#fair-price\n"
              "      - id: approved\n        text: \"Discounts follow [the approvals](reference/approvals.md).\"\n"
              "        guidance: principles/trust.md#favours\n")
    add_page(project, "how-to/deep/health.md",
             "---\nrender_macros: true\n---\n\n# Health again\n\n{{ checklist(\"health-check\") }}\n")


def test_links_in_texts_work_on_every_page_and_stop_the_partner_build_when_partners_cannot_open_them(
        tmp_path: Path) -> None:
    build = plant_and_build_partner(tmp_path / "project", tmp_path / "out", plant_links)
    assert build.results["mkdocs.yml"].returncode == 0, build.log("mkdocs.yml")
    for page, trust, approvals in (
            ("reference/checklists/health-check/index.html", "../../../principles/trust/", "../../approvals/"),
            ("how-to/deep/health/index.html", "../../../principles/trust/", "../../../reference/approvals/")):
        html = (build.internal / page).read_text(encoding="utf-8")
        assert f'Prices stay <a href="{trust}#fair-price">fair</a>.' in html, page
        assert f'Discounts follow <a href="{approvals}">the approvals</a>.' in html, page
    printed = (build.internal / "print_page/index.html").read_text(encoding="utf-8")
    assert 'Prices stay <a href="#principles-trust-fair-price">fair</a>' in printed  # the print page's own anchors
    assert 'Discounts follow <a href="#reference-approvals">the approvals</a>' in printed
    log = build.log()
    assert build.results["mkdocs-public.yml"].returncode != 0 and "Traceback" not in log, log
    line = (build.project / "data/checklists/health-check.yml").read_text().splitlines().index(
        '        text: "Discounts follow [the approvals](reference/approvals.md)."') + 1
    assert (f"data/checklists/health-check.yml:{line}: checklist 'health-check', item 'approved', field 'text': "
            "expected a link partners can open, to a page the partner edition includes (its front matter says "
            "'audience: public'), found 'reference/approvals.md', a page partners do not get (its front matter does "
            "not say 'audience: public'), so partners cannot open it: link to a public page, remove the link, or "
            "mark the item 'audience: internal'") in log
    assert "item 'fair'" not in log
