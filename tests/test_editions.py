"""One source, two editions: nothing internal reaches the partner edition, and the check can fail."""
from __future__ import annotations

import gzip
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build
from macros.build.edition import linked_pages, prune_nav
from macros.content.blocks import strip_internal
from macros.publish.pdf import render as render_pdf

CANARIES = {
    "page": "CANARY-PAGE-7f3a",
    "page-title": "CANARY-TITLE-2b9c",
    "page-meta": "CANARY-META-5d1e",
    "checklist": "CANARY-CHECKLIST-8c4f",
    "section": "CANARY-SECTION-1a6b",
    "item": "CANARY-ITEM-9e2d",
    "passage": "CANARY-PASSAGE-4f7c",
    "step-to-internal-page": "CANARY-STEP-6b3e",
    "internal-step": "CANARY-STEP-AUD-0c8a",
    # An entry of nav: that is no page cannot say `audience: public` (a link to another site or to a file).
    "nav-link": "CANARY-NAV-LINK-3d5f",
}




# The how-to's example of text that differs by edition, planted on a page of the canary project.
EDITION_EXAMPLE = textwrap.dedent(next(block for block in re.findall(
    r"```markdown\n(.*?)```", (ROOT / "docs" / "how-to" / "publish-partner-edition.md").read_text(), re.DOTALL)
    if "partner_edition" in block))


def plant_canaries(project: Path) -> None:
    docs, data = project / "docs", project / "data" / "checklists"
    (docs / "canary").mkdir()
    (docs / "canary" / "secret.md").write_text(
        f"---\naudience: internal\ndescription: {CANARIES['page-meta']}\n---\n\n"
        f"# Secret {CANARIES['page-title']}\n\nBody {CANARIES['page']}.\n")
    (docs / "canary" / "checklist.md").write_text(
        "---\naudience: internal\nrender_macros: true\n---\n\n# Internal checklist\n\n"
        '{{ checklist("canary") }}\n')
    checklist = yaml.safe_load((data / "health-check.yml").read_text())
    checklist["sections"][0]["items"].append(
        {"id": "canary-item", "text": f"Item {CANARIES['item']}", "audience": "internal",
         "guidance": "principles/trust.md#favours"})
    checklist["sections"].append(
        {"id": "canary-section", "title": f"Section {CANARIES['section']}", "audience": "internal",
         "items": [{"id": "canary-in-section", "text": "Plain text", "guidance": "principles/trust.md#favours"}]})
    (data / "health-check.yml").write_text(yaml.safe_dump(checklist, sort_keys=False))
    internal = yaml.safe_load((data / "onboarding.yml").read_text())
    internal.update(id="canary", title=f"Checklist {CANARIES['checklist']}", audience="internal")
    (data / "canary.yml").write_text(yaml.safe_dump(internal, sort_keys=False))
    trust = docs / "principles" / "trust.md"
    trust.write_text(trust.read_text() + f'\n??? internal "Secret"\n    Passage {CANARIES["passage"]}.\n\nAfter.\n')
    partner = project / "data" / "onboarding" / "partner.yml"
    path = yaml.safe_load(partner.read_text())
    path["modules"][0]["steps"] += [
        {"id": "canary-step", "title": f"Step {CANARIES['step-to-internal-page']}", "page": "canary/secret.md",
         "outcome": "Secret."},
        {"id": "canary-aud", "title": f"Step {CANARIES['internal-step']}", "page": "principles/trust.md",
         "outcome": "Secret.", "audience": "internal"}]
    partner.write_text(yaml.safe_dump(path, sort_keys=False))
    (docs / "edition-example.md").write_text(f"---\naudience: public\nrender_macros: true\n---\n\n# Example\n\n{EDITION_EXAMPLE}")
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["nav"].append({"Canary": ["canary/secret.md", "canary/checklist.md"]})
    config["nav"].append({"Edition example": "edition-example.md"})
    config["nav"].append({f"Sales CRM {CANARIES['nav-link']}": "https://crm.example.com/"})
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def file_texts(site: Path) -> dict[Path, str]:
    texts = {}
    for path in site.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            texts[path] = raw.decode("utf-8", errors="replace")
    return texts


def find_leaks(site: Path, canaries: dict[str, str]) -> dict[str, list[str]]:
    leaks: dict[str, list[str]] = {}
    for path, text in file_texts(site).items():
        for name, canary in canaries.items():
            if canary in text:
                leaks.setdefault(name, []).append(path.relative_to(site).as_posix())
    return leaks


@pytest.fixture(scope="session")
def canary_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("canary-project"))
    plant_canaries(project)
    out = tmp_path_factory.mktemp("canary-sites")
    internal, public = out / "internal", out / "public"
    for config, site in (("mkdocs.yml", internal), ("mkdocs-public.yml", public)):
        result = mkdocs_build(project / config, site, cwd=project)
        assert result.returncode == 0, result.stderr
    return internal, public


def test_every_canary_is_in_the_internal_edition(canary_builds) -> None:
    internal, _ = canary_builds
    found = find_leaks(internal, CANARIES)
    assert set(found) == set(CANARIES), f"missing from the internal build: {set(CANARIES) - set(found)}"


def test_no_canary_reaches_any_file_of_the_partner_edition(canary_builds) -> None:
    _, public = canary_builds
    assert len(file_texts(public)) > 20
    assert find_leaks(public, CANARIES) == {}


def test_internal_pages_are_absent_from_nav_search_and_sitemap(canary_builds) -> None:
    internal, public = canary_builds
    assert (internal / "canary" / "secret" / "index.html").exists()
    assert not (public / "canary").exists()
    for name in ["index.html", "404.html", "search/search_index.json", "sitemap.xml"]:
        text = (public / name).read_text()
        assert "canary/secret" not in text and "reference/approvals" not in text, name
    assert "reference/approvals" in (internal / "sitemap.xml").read_text()


def test_leak_check_catches_a_planted_leak(canary_builds, tmp_path: Path) -> None:
    _, public = canary_builds
    leaky = tmp_path / "leaky"
    shutil.copytree(public, leaky)
    index = leaky / "search" / "search_index.json"
    index.write_text(index.read_text().replace('"docs":[', f'"docs":[{{"text":"{CANARIES["item"]}"}},', 1))
    sitemap = leaky / "sitemap.xml.gz"
    sitemap.write_bytes(gzip.compress(gzip.decompress(sitemap.read_bytes()) + CANARIES["page"].encode()))
    assert find_leaks(leaky, CANARIES) == {"item": ["search/search_index.json"], "page": ["sitemap.xml.gz"]}


def test_each_edition_says_what_it_is(canary_builds) -> None:
    internal, public = canary_builds
    assert "Internal: do not share." in (internal / "index.html").read_text()
    assert "Partner edition" in (public / "index.html").read_text()
    assert "Internal: do not share." not in (public / "index.html").read_text()


def test_public_page_linking_to_an_internal_page_fails_the_partner_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    home = project / "docs" / "index.md"
    home.write_text(home.read_text() + "\nSee [approvals](reference/approvals.md).\n")
    result = mkdocs_build(project / "mkdocs-public.yml", tmp_path / "site", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "docs/index.md: a page in the partner edition links to internal page(s) docs/reference/approvals.md" in output


def test_strip_internal_removes_the_block_and_keeps_the_rest() -> None:
    text = "Before.\n\n!!! internal \"Note\"\n    Secret.\n\n    More secret.\n\nAfter.\n"
    assert strip_internal(text) == "Before.\n\nAfter.\n"
    nested = "- item\n\n    ???+ internal\n        Secret.\n\n    Kept.\n"
    assert strip_internal(nested) == "- item\n\n    Kept.\n"


def test_prune_nav_and_links() -> None:
    nav = [{"Home": "index.md"}, {"Ref": ["a.md", {"Sub": ["x.md"]}]}]
    assert prune_nav(nav, {"x.md"}) == [{"Home": "index.md"}, {"Ref": ["a.md"]}]
    links: list[str] = []
    nav = [{"Home": "index.md"}, {"Tools": [{"CRM": "https://crm.example.com/"}, "https://wiki.example.com/",
                                            {"Prices": "files/prices.pdf"}, {"Guide": "a.md"}]}, {"Wiki": "/wiki/"}]
    assert prune_nav(nav, set(), links) == [{"Home": "index.md"}, {"Tools": [{"Guide": "a.md"}]}]
    assert links == ["'CRM' (https://crm.example.com/)", "'https://wiki.example.com/'",
                     "'Prices' (files/prices.pdf)", "'Wiki' (/wiki/)"]
    assert linked_pages("[a](../reference/approvals.md#x) <a href=\"b.md\">", "how-to/p.md") == {
        "reference/approvals.md", "how-to/b.md"}


def test_each_edition_has_a_print_page_without_internal_content(canary_builds) -> None:
    internal, public = canary_builds
    internal_print = (internal / "print_page" / "index.html").read_text()
    public_print = (public / "print_page" / "index.html").read_text()
    assert "Partner or acquaintance" in public_print and "Partner or acquaintance" in internal_print
    assert CANARIES["passage"] in internal_print and "Approvals and contacts" in internal_print
    assert "Approvals and contacts" not in public_print and "Internal note" not in public_print


@pytest.mark.browser
def test_no_canary_reaches_the_partner_pdf(canary_builds, browser, tmp_path: Path) -> None:
    """The PDFs `make pdf` prints, read back as text: the internal one has the canaries, the partner one none."""
    from pypdf import PdfReader

    def pdf_text(site: Path, edition: str) -> str:
        render_pdf(browser, site, tmp_path / f"{edition}.pdf", edition)
        text = "".join(page.extract_text() or "" for page in PdfReader(tmp_path / f"{edition}.pdf").pages)
        return re.sub(r"\s+", "", text)  # a canary broken across two lines is still found

    internal, public = canary_builds
    printed = {name for name, canary in CANARIES.items()  # a nav link is in the page's navigation, not on paper
               if name != "nav-link" and canary in (internal / "print_page" / "index.html").read_text()}
    assert {"page", "page-title", "passage", "item", "section"} <= printed
    internal_text = pdf_text(internal, "internal")
    assert {name for name in printed if CANARIES[name] in internal_text} == printed
    public_text = pdf_text(public, "public")
    assert "Partneroracquaintance" in public_text
    assert [name for name, canary in CANARIES.items() if canary in public_text] == []


def test_only_the_internal_edition_asks_search_engines_to_stay_away(canary_builds) -> None:
    internal, public = canary_builds
    noindex = '<meta name="robots" content="noindex">'
    internal_pages = sorted(internal.rglob("*.html"))
    assert len(internal_pages) > 20
    assert [p.relative_to(internal).as_posix() for p in internal_pages if noindex not in p.read_text()] == []
    assert (internal / "robots.txt").read_text().splitlines()[-2:] == ["User-agent: *", "Disallow: /"]
    assert [p.name for p in public.rglob("*.html") if 'name="robots"' in p.read_text()] == []
    assert not (public / "robots.txt").exists()


def test_each_home_page_speaks_to_its_readers(canary_builds) -> None:
    """docs/index.md: `{% if partner_edition %}` picks the partner text in the partner edition only."""
    internal, public = canary_builds
    employees, partners = "New colleagues", "Send us the export."
    for built, shown, hidden in ((internal, employees, partners), (public, partners, employees)):
        home = (built / "index.html").read_text()
        assert shown in home and hidden not in home, built.name
        assert hidden not in (built / "print_page" / "index.html").read_text()
        assert hidden not in (built / "search" / "search_index.json").read_text()
    for built, shown, hidden in ((internal, "Welcome, colleagues.", "Welcome, partners"),
                                 (public, "Welcome, partners", "Welcome, colleagues.")):
        example = (built / "edition-example" / "index.html").read_text()  # the how-to's example
        assert shown in example and hidden not in example and "{%" not in example
    home = (public / "index.html").read_text()
    assert "partnership-playbook-partner.zip" in home and "index.html</code> in your browser" in home
    assert 'href="reference/checklists/onboarding/"' not in home  # the employees' onboarding checklist
    assert (internal / "reference" / "checklist-format" / "index.html").exists()
    assert not (public / "reference" / "checklist-format").exists()  # for authors, not partners
    assert not (public / "reference" / "checklist-errors").exists()


def test_every_link_of_both_canary_editions_resolves(canary_builds) -> None:
    """With internal pages, checklists, sections, items and steps planted, no generated link is left dangling."""
    from test_links import broken_links
    internal, public = canary_builds
    assert broken_links(internal) == [] and broken_links(public) == []


def test_the_portfolio_carries_only_what_its_edition_shows(canary_builds) -> None:
    """The board's data (every checklist at once) holds the planted internal checklist, section and item
    in the internal edition and none of them in the partner edition."""
    internal, public = canary_builds
    inside = (internal / "portfolio" / "index.html").read_text()
    outside = (public / "portfolio" / "index.html").read_text()
    assert {"checklist", "section", "item"} <= {name for name, canary in CANARIES.items() if canary in inside}
    assert "data-pb-portfolio" in outside and "&quot;id&quot;:&quot;health-check&quot;" in outside
    assert [name for name, canary in CANARIES.items() if canary in outside] == []
    assert "&quot;id&quot;:&quot;canary" not in outside and "canary-item" not in outside
