"""Author mistakes in markup, YAML, encodings and never-publish terms (issue 20, items 3, 4, 6 and 9).

Each mistake is realistic and carries a unique canary. The ones that must
build are planted together in ONE copy of the project, built once (both
editions, the partner zip and the partner PDF), and every canary is searched
for in every file the partner edition writes. The ones that must stop the
build are built one by one and their message is checked word for word where
it matters. The last tests check the pure parts without MkDocs.
"""
from __future__ import annotations

import codecs
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from macros.build.edition import linked_pages
from macros.build.term_scan import hits, text_of
from macros.content import never_publish, source_text, yaml_text
from macros.content.blocks import block_problems, split_internal
from macros.content.front_matter import KNOWN_KEYS, read
from macros.content.markup import comment_problems, stray_front_matter, strip_comments

TRUST = "docs/principles/trust.md"
WIN_WIN = "docs/principles/win-win.md"

# name -> (file, text appended to it, canary). Every one of these must build and reach no partner output.
GREEN: dict[str, tuple[str, str, str]] = {
    "comment-one-line": (TRUST, "\n<!-- internal: CANARY-M01 ask Legal before quoting -->\n", "CANARY-M01"),
    "comment-multi-line": (TRUST, "\n<!--\nTODO before the partner sees this:\nCANARY-M02 margin is 4%\n-->\n",
                           "CANARY-M02"),
    "comment-in-paragraph": (TRUST, "\nWe keep our word. <!-- CANARY-M03 except with Acme --> Always.\n",
                             "CANARY-M03"),
    "comment-in-admonition": (TRUST, '\n!!! tip "Before the call"\n    Read the page.\n    <!-- CANARY-M04 -->\n',
                              "CANARY-M04"),
    "comment-with-term": (TRUST, "\n<!-- do not share: CANARY-M05 -->\n", "CANARY-M05"),
    "title-internal-only": (WIN_WIN, '\n!!! warning "Internal only"\n    CANARY-M06 our walk-away price.\n',
                            "CANARY-M06"),
    "collapsible-title-upper": (WIN_WIN, '\n??? note "INTERNAL notes"\n    CANARY-M07 the real reason.\n',
                                "CANARY-M07"),
    "open-collapsible-title": (WIN_WIN, '\n???+ tip "For internal eyes"\n    CANARY-M08 escalation path.\n',
                               "CANARY-M08"),
    "tab-internal": (WIN_WIN, '\n=== "Partners"\n\n    Shared text.\n\n=== "Internal"\n\n'
                     '    CANARY-M09 what we tell our team.\n', "CANARY-M09"),
    "tab-in-admonition": (WIN_WIN, '\n!!! note "Two views"\n    === "Ours (internal)"\n        CANARY-M10\n\n'
                          '    === "Theirs"\n        Their view.\n', "CANARY-M10"),
}
# Planted outside the appended text (see `green_project`).
MODULE_CANARY = "CANARY-M12"
BOM_PAGE_CANARY = "CANARY-M13"
BOM_YAML_CANARY = "CANARY-M14"
CONTROL = "CANARY-CONTROL-public"
BOM_PUBLIC = "BOM-PUBLIC-shown"  # a public page saved with a byte-order mark: must be published  # in a public page on purpose: proves the search finds what is there


def plant_green(project: Path) -> None:
    for file, text, _ in GREEN.values():
        path = project / file
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    trust = project / TRUST
    trust.write_text(trust.read_text(encoding="utf-8") + f"\n{CONTROL} in plain sight.\n", encoding="utf-8")
    dancing = project / "docs/principles/dancing-together.md"  # a team term, allowed on this page with a reason
    dancing.write_text(dancing.read_text(encoding="utf-8") + "\nThe Bluebird Deal is public news.\n", encoding="utf-8")
    # The team adds a deal name; one page may say it, with a written reason.
    (project / never_publish.FILE).write_text(
        "terms:\n  - Bluebird Deal\nexceptions:\n  - term: bluebird deal\n    file: docs/principles/dancing-together.md\n"
        "    reason: The page names the deal with the partner's agreement, signed in March.\n", encoding="utf-8")
    # An onboarding module for colleagues only, in the partners' programme.
    partner = project / "data/onboarding/partner.yml"
    partner.write_text(partner.read_text(encoding="utf-8") + (
        "  - id: our-side\n    title: Our side of the table\n    audience: internal\n    steps:\n"
        f"      - id: margins\n        title: Margins {MODULE_CANARY}\n        page: principles/trust.md\n"
        f"        outcome: You know our margins ({MODULE_CANARY}).\n"), encoding="utf-8")
    # A page saved by a Windows editor with a byte-order mark: its `audience: internal` still counts.
    (project / "docs/reference/bom.md").write_bytes(codecs.BOM_UTF8 + (
        f"---\naudience: internal\n---\n\n# Saved with a BOM\n\n{BOM_PAGE_CANARY}\n").encode())
    # The same editor, a public page: it is in the partner edition, front matter read (not shown as text).
    (project / "docs/reference/bom-public.md").write_bytes(codecs.BOM_UTF8 + (
        f"---\naudience: public\ntitle: Saved with a BOM too\n---\n\n# Saved with a BOM too\n\n{BOM_PUBLIC}\n").encode())
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - reference/glossary.md\n",
        "      - reference/glossary.md\n      - reference/bom.md\n      - reference/bom-public.md\n", 1), encoding="utf-8")
    # A checklist saved with a byte-order mark, with an internal item.
    fit = project / "data/checklists/partner-fit.yml"
    fit.write_bytes(codecs.BOM_UTF8 + fit.read_bytes().replace(
        b"    items:\n      - id: champion\n",
        b"    items:\n      - id: bom-item\n        text: " + BOM_YAML_CANARY.encode() + b" our floor price.\n"
        b"        guidance: principles/trust.md#fair-price\n        audience: internal\n      - id: champion\n", 1))


def output_texts(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): text for p in sorted(folder.rglob("*")) if p.is_file()
            and (text := text_of(p.name, p.read_bytes())) is not None}


def leaks(texts: dict[str, str], canaries: list[str]) -> dict[str, list[str]]:
    return {c: [name for name, text in texts.items() if c in text] for c in canaries
            if any(c in text for text in texts.values())}


ALL = [c for _, _, c in GREEN.values()] + [MODULE_CANARY, BOM_PAGE_CANARY, BOM_YAML_CANARY]


@pytest.fixture(scope="module")
def green(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One project with every green mistake planted: both editions, the partner zip and PDF."""
    root = tmp_path_factory.mktemp("markup-corpus")
    project = copy_project(root / "project")
    plant_green(project)
    out = {"internal": root / "internal", "public": root / "public"}
    for edition, config in (("internal", "mkdocs.yml"), ("public", "mkdocs-public.yml")):
        result = mkdocs_build(project / config, out[edition], cwd=project)
        assert result.returncode == 0, result.stderr
    from macros.publish.bundle import build_bundle
    out["zip"] = root / "partner.zip"
    assert build_bundle(project, out["zip"]) == 0
    out["project"] = project
    return out


@pytest.fixture(scope="module")
def green_pdf(green: dict[str, Path]) -> Path:
    """The partner PDF of the green project, printed by Chromium (so the tests reading it are browser tests)."""
    pdf = green["public"].parent / "partner.pdf"
    # In a child process: Playwright's sync API refuses to run where a browser test's event loop already runs.
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
                    "from macros.publish.pdf import make_pdfs; "
                    "make_pdfs([(Path(sys.argv[3]), Path(sys.argv[4]), 'public')], root=Path(sys.argv[2]))",
                    str(ROOT), str(green["project"]), str(green["public"]), str(pdf)], check=True)
    return pdf


def test_the_planted_mistakes_are_in_the_internal_edition(green: dict[str, Path]) -> None:
    """The canaries were really planted: the internal edition shows every passage (but no comment)."""
    texts = output_texts(green["internal"])
    comments = {c for name, (_, _, c) in GREEN.items() if name.startswith("comment")}
    shown = set(leaks(texts, ALL))
    assert shown == set(ALL) - comments
    assert not comments & shown, "HTML comments reached the internal edition"
    assert not any("<!--" in texts[name] for name in texts if name.endswith(".html"))


def test_no_canary_reaches_any_file_of_the_partner_site(green: dict[str, Path]) -> None:
    texts = output_texts(green["public"])
    assert leaks(texts, [CONTROL]) and "search/search_index.json" in leaks(texts, [CONTROL])[CONTROL]
    assert leaks(texts, ALL) == {}
    assert "Bluebird Deal" in texts["principles/dancing-together/index.html"]  # the exception holds


def test_no_canary_reaches_the_partner_zip(green: dict[str, Path]) -> None:
    with zipfile.ZipFile(green["zip"]) as archive:
        texts = {i.filename: t for i in archive.infolist()
                 if (t := text_of(i.filename, archive.read(i))) is not None}
    assert leaks(texts, [CONTROL])
    assert leaks(texts, ALL) == {}


@pytest.mark.browser
def test_no_canary_reaches_the_partner_pdf(green_pdf: Path) -> None:
    from pypdf import PdfReader
    text = "\n".join(page.extract_text() or "" for page in PdfReader(green_pdf).pages)
    assert CONTROL in text
    assert [c for c in ALL if c in text] == []


def test_a_public_page_saved_with_a_bom_is_published_as_written(green: dict[str, Path]) -> None:
    page = (green["public"] / "reference/bom-public/index.html").read_text(encoding="utf-8")
    assert BOM_PUBLIC in page and "audience: public" not in page


def test_an_internal_module_drops_out_of_the_partner_programme(green: dict[str, Path]) -> None:
    page = (green["public"] / "onboarding/partner/index.html").read_text(encoding="utf-8")
    assert "Our side of the table" not in page and "Shared principles" in page
    assert "Our side of the table" in (green["internal"] / "onboarding/partner/index.html").read_text(encoding="utf-8")


# -- Mistakes that stop the build: one build each, the message checked ----------------------------------------
def build_with(tmp_path: Path, plant: dict[str, str | bytes], config: str = "mkdocs-public.yml") -> str:
    """Build the partner edition with files replaced (str: appended to the file, bytes: the whole file)."""
    project = copy_project(tmp_path / "project")
    for file, change in plant.items():
        path = project / file
        if isinstance(change, bytes):
            path.write_bytes(change)
        else:
            path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + change, encoding="utf-8")
    result = mkdocs_build(project / config, tmp_path / "out", cwd=project)
    assert result.returncode != 0, "the build should have stopped"
    assert "Traceback" not in result.stderr
    return result.stderr


TITLE_LINE = next(number for number, line in enumerate(
    (Path(__file__).parent.parent / "data/checklists/partner-fit.yml").read_text(encoding="utf-8").splitlines(), 1)
    if line.startswith("title:"))  # where the non-breaking space is planted

STOPS = {  # name -> (files to change, words the message must hold)
    "front-matter-under-title": (
        {"docs/principles/ideal-partner.md": "\n---\naudience: internal\n---\nCANARY-S01 walk-away terms.\n"},
        ["docs/principles/ideal-partner.md:", "expected front matter only at the very top of the page",
         "found a '---' block with 'audience:'"]),
    "draft-key": (
        {"docs/principles/why-partner.md": None},
        ["docs/principles/why-partner.md:2: field 'draft': expected a front matter key from this list: "
         "MkDocs: title, template;", "found 'draft', which nothing reads (did you mean 'audience: internal'?)"]),
    "yaml-comment-item": (
        {"data/checklists/partner-fit.yml": "      - id: redlines   # internal - do not show partners\n"
                                            "        text: CANARY-S03 our redlines.\n"
                                            "        guidance: principles/trust.md#fair-price\n"},
        ["data/checklists/partner-fit.yml:", "found the comment '# internal - do not show partners', which says "
         "'internal': write 'audience: internal' in that item"]),
    "yaml-comment-onboarding": (
        {"data/onboarding/partner.yml": "      - id: fees  # Confidential: our fees\n"
                                        "        title: CANARY-S04 fees\n        page: principles/trust.md\n"
                                        "        outcome: You know the fees.\n"},
        ["data/onboarding/partner.yml:", "which says 'Confidential'"]),
    "term-in-page": (
        {WIN_WIN: "\nThis figure is internal only: CANARY-S05.\n"},
        ["docs/principles/win-win.md:", "found 'internal only' in site-public/principles/win-win/index.html"]),
    "term-split-by-markup": (
        {WIN_WIN: "\nThe numbers are **not for\npartners** (CANARY-S06).\n"},
        ["docs/principles/win-win.md:", "found 'not for partners' in site-public/"]),
    "team-term-in-checklist": (
        {never_publish.FILE: b"terms:\n  - Project Bluebird\n",
         "data/checklists/partner-fit.yml": "      - id: bluebird\n        text: Ready for project  Bluebird "
                                            "CANARY-S07?\n        guidance: principles/trust.md#fair-price\n"},
        ["data/checklists/partner-fit.yml:", "found 'project bluebird' in site-public/"]),
    "exception-without-reason": (
        {never_publish.FILE: b"exceptions:\n  - term: do not share\n    file: docs/index.md\n    reason: ok\n"},
        ["data/never-publish.yml:4: field 'reason': expected a reason of at least 4 words"]),
    "latin-1-page": (
        {"docs/principles/trust.md": None},
        ["docs/principles/trust.md: expected a file saved as UTF-8, found a file saved in another encoding",
         "save docs/principles/trust.md as UTF-8"]),
    "utf-16-checklist": (
        {"data/checklists/partner-fit.yml": None},
        ["data/checklists/partner-fit.yml: expected a file saved as UTF-8, found a file saved as UTF-16"]),
    "nbsp-in-yaml": (
        {"data/checklists/partner-fit.yml": None},
        [f"data/checklists/partner-fit.yml:{TITLE_LINE}: expected ordinary spaces in YAML, found a non-breaking "
         "space at column 7"]),
    "reference-link-to-internal-page": (
        {WIN_WIN: "\nSee [the approvals][approvals] (CANARY-S12).\n\n[approvals]: ../reference/approvals.md\n"},
        ["docs/principles/win-win.md: a page in the partner edition links to internal page(s) "
         "docs/reference/approvals.md"]),
    "quoted-weight": (
        {"data/checklists/partner-fit.yml": None},
        ["field 'weight': expected a positive number (the default is 1), found the text '2' in quotes, which "
         "make it text (remove the quotes: weight: 2)"]),
    "html-comment-in-yaml": (
        {"data/checklists/partner-fit.yml": "      - id: pricing\n        text: We price fairly <!-- CANARY-S15 "
                                            "except Acme -->.\n        guidance: principles/trust.md#fair-price\n"},
        ["data/checklists/partner-fit.yml:", "found an HTML comment '<!--', which a text field shows to every "
         "reader as it is"]),
    "include-internal-page": (  # the home page is public and renders macros; approvals.md is internal
        {"docs/index.md": '\nOur approvals, word for word:\n\n{% include "reference/approvals.md" %}\n'},
        ["docs/index.md:", "found {% include \"reference/approvals.md\" %}: nothing was published"]),
    "quoted-internal-title": (  # after '>' the scan before Markdown does not see the block: Markdown renders it
        {WIN_WIN: '\n> !!! warning "Internal notes"\n>     CANARY-S16 our walk-away price.\n'},
        ["docs/principles/win-win.md: expected no passage titled internal in the partner edition, found one titled "
         "'Internal notes'"]),
    "internal-text-not-indented": (  # the passage is empty; Markdown shows its text after it, to partners too
        {WIN_WIN: "\n!!! internal\nCANARY-S17 our walk-away price.\n"},
        ["docs/principles/win-win.md:", "found 'CANARY-S17 our walk-away price.' right under it and not indented "
         "further"]),
    "text-hidden-with-html": (  # invisible in a browser, so the author never sees it; in the source all the same
        {WIN_WIN: "\nOur terms <span hidden>CANARY-S18 floor 8%</span> are fair.\n"},
        ["docs/principles/win-win.md: expected nothing hidden with HTML in the partner edition, found <span hidden>"]),
    "unclosed-comment": (
        {WIN_WIN: "\n<!-- CANARY-S14 note to self\n\nThe rest of the page.\n"},
        ["docs/principles/win-win.md:", "expected an HTML comment closed with -->"]),
}


def _whole_file(name: str, project_file: Path) -> bytes:
    """The mistakes that change a whole file, made from the project's own copy."""
    text = project_file.read_text(encoding="utf-8")
    if name == "draft-key":
        return text.replace("---\n", "---\ndraft: true\n", 1).encode() if text.startswith("---\n") else \
            ("---\ndraft: true\n---\n" + text).encode()
    if name == "latin-1-page":
        return (text + "\nCafé crème CANARY-S09.\n").encode("latin-1")
    if name == "utf-16-checklist":
        return text.encode("utf-16")
    if name == "nbsp-in-yaml":
        lines = text.splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
        lines[index] = lines[index].replace("title: ", "title:\u00a0", 1)
        return "".join(lines).encode()
    if name == "quoted-weight":
        return text.replace("weight: 2", 'weight: "2"', 1).encode()
    raise KeyError(name)


@pytest.mark.parametrize("name", sorted(STOPS))
def test_mistake_stops_the_partner_build_with_its_message(name: str, tmp_path: Path) -> None:
    from conftest import ROOT
    files, words = STOPS[name]
    plant = {file: change if change is not None else _whole_file(name, ROOT / file) for file, change in files.items()}
    message = build_with(tmp_path, plant)
    for expected in words:
        assert expected in message, f"{expected!r} not in:\n{message}"
    if name in ("latin-1-page", "utf-16-checklist"):  # one message, naming that file only
        assert "1 problem to fix" in message, message


# -- The pure parts -------------------------------------------------------------------------------------------
def test_comments_are_stripped_outside_code_only() -> None:
    text = ("A <!-- x --> b\n<!-- whole line -->\n```html\n<!-- kept in code -->\n```\n"
            "`<!-- inline code -->` c <!--\nmulti\n-->\nend\n")
    out = strip_comments(text)
    assert "x -->" not in out and "whole line" not in out and "multi" not in out
    assert "<!-- kept in code -->" in out and "`<!-- inline code -->`" in out
    assert out.startswith("A  b\n```html")  # a line holding only a comment goes with it


def test_an_unclosed_comment_is_named_with_its_line() -> None:
    problems = comment_problems("# T\n\nText <!-- never closed\n\nMore.\n", "docs/p.md", 5)
    assert [p.line for p in problems] == [7]
    assert comment_problems("```\n<!-- in code\n```\n", "docs/p.md") == []


@pytest.mark.parametrize("body,line", [
    ("# T\n\n---\naudience: internal\n---\n", 3),
    ("# T\n\n---\ntitle: X\nhide:\n  - toc\n---\n\nText\n", 3),
])
def test_front_matter_below_the_top_stops(body: str, line: int) -> None:
    assert [p.line for p in stray_front_matter(body, "docs/p.md")] == [line]


@pytest.mark.parametrize("body", [
    "# T\n\nText\n\n---\n\nMore text\n",  # a rule
    "# T\n\n---\nNote: this is a sentence.\n---\n",  # capitalised words: a paragraph between rules
    "```yaml\n---\naudience: internal\n---\n```\n",  # an example in code
])
def test_rules_and_examples_are_not_front_matter(body: str) -> None:
    assert stray_front_matter(body, "docs/p.md") == []


@pytest.mark.parametrize("head", ['!!! warning "Internal only"', '??? note "INTERNAL notes"', '=== "Internal"',
                                  '===+ "Ours (internal)"', '!!! Internal'])
def test_titles_and_tab_labels_that_say_internal_are_internal(head: str) -> None:
    kept, problems = split_internal(f"Before\n\n{head}\n    secret\n\nAfter\n")
    assert "secret" not in kept and "After" in kept and problems == []


@pytest.mark.parametrize("head", ['!!! note "International partners"', '=== "Partners"', '!!! tip'])
def test_other_titles_stay(head: str) -> None:
    assert "shown" in split_internal(f"{head}\n    shown\n")[0]


def test_every_unknown_front_matter_key_stops_with_the_list() -> None:
    for key in ("draft", "tags", "comments", "owner"):
        problems = read(f"---\n{key}: true\n---\n# T\n", "docs/p.md").problems
        assert problems and all(k in str(problems[0]) for k in KNOWN_KEYS), key
    assert read("---\ntitle: T\nhide:\n  - toc\nsearch:\n  boost: 2\n---\n", "docs/p.md").problems == []


@pytest.mark.parametrize("yaml_line", [
    "  - id: a   # internal - do not show partners", "# Confidential: pricing below", "  x: 1  # PRIVATE",
    "  x: 1 # Do not  share", "summary: >-  # internal: ask Bob before sharing\n  The text.",
    "text: |  # confidential\n  The text.",
])
def test_yaml_comments_that_say_internal_stop(yaml_line: str) -> None:
    problems = yaml_text.problems(f"id: x\n{yaml_line}\n", "data/checklists/x.yml")
    assert [p.line for p in problems] == [2]
    assert "write 'audience: internal'" in str(problems[0])


@pytest.mark.parametrize("text", [
    'title: "a # internal thing"\n', "text: |\n  # internal heading in a block\n",
    "audience: internal  # kept from partners\n", "id: x  # a partner-facing item\n",
])
def test_hashes_in_values_and_harmless_comments_pass(text: str) -> None:
    assert yaml_text.problems(text, "x.yml") == []


def test_an_html_comment_in_yaml_stops() -> None:
    assert [p.line for p in yaml_text.problems("id: x\ntext: Fair <!-- not yet -->\n", "x.yml")] == [2]
    assert yaml_text.problems("id: x\n# <!-- an example in a comment -->\n", "x.yml") == []


def test_a_non_breaking_space_is_named_but_not_inside_quotes() -> None:
    problems = yaml_text.problems('a: "x\u00a0y"\nb:\u00a0z\n', "x.yml")
    assert [(p.line, "column 3" in p.found) for p in problems] == [(2, True)]


def test_encodings() -> None:
    assert source_text.decode(codecs.BOM_UTF8 + b"---\naudience: internal\n", "docs/p.md") == \
        ("---\naudience: internal\n", None)
    for raw in ("T\u00e9".encode("utf-16"), "Caf\u00e9".encode("latin-1")):
        text, problem = source_text.decode(raw, "docs/p.md")
        assert text is None and problem is not None and "save docs/p.md as UTF-8" in str(problem)


def test_reference_style_links_count_as_links() -> None:
    assert linked_pages("[x][r]\n\n[r]: ../reference/approvals.md#a\n", "principles/p.md") == \
        {"reference/approvals.md"}


@pytest.mark.parametrize("output", [
    "<p>INTERNAL\n  Only</p>", "<p>internal <em>only</em></p>", "<p>do not sh<b>are</b></p>",
    '{"text": "not\\u00a0for partners"}', "<p>internal&nbsp;only</p>", "internal&#32;only",
    '{"replaces": ["internal-only-discount"]}', 'id="pb-sales-internal_only"',
])
def test_terms_are_found_however_they_are_written(output: str) -> None:
    assert never_publish.found_in(output, never_publish.DEFAULT_TERMS)


def test_terms_do_not_match_ordinary_words() -> None:
    assert never_publish.found_in("<p>Internal: do not-share an international only</p>",
                                  never_publish.DEFAULT_TERMS) == []


def test_a_hit_names_the_source_line_and_an_exception_needs_its_file(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/p.md").write_text("# P\n\nThis is *internal\nonly*.\n", encoding="utf-8")
    terms = never_publish.Terms(never_publish.DEFAULT_TERMS)
    found = hits([("out/p.html", "<p>This is <em>internal only</em>.</p>")], terms, tmp_path)
    assert len(found) == 1 and found[0].startswith("docs/p.md:3: ") and "in out/p.html" in found[0]
    allowed = never_publish.Terms(never_publish.DEFAULT_TERMS,
                                  (never_publish.Allowed("internal only", "docs/p.md", "a reason"),))
    assert hits([("out/p.html", "internal only")], allowed, tmp_path) == []


def test_defaults_stay_when_the_file_leaves_them_out() -> None:
    assert set(never_publish.DEFAULT_TERMS) <= set(never_publish.parse("terms:\n  - Bluebird Deal\n").terms)


def test_the_shipped_list_parses_with_the_defaults() -> None:
    """(Today's content has no hit: the corpus builds above run the scan on it and pass.)"""
    from conftest import ROOT
    assert set(never_publish.DEFAULT_TERMS) <= set(never_publish.load(ROOT).terms)


def _terms_project(tmp_path: Path, term: str) -> Path:
    """A project root whose never-publish list holds `term` (and no source that writes it)."""
    (tmp_path / "data").mkdir(parents=True)
    (tmp_path / never_publish.FILE).write_text(f"terms:\n  - {term}\n", encoding="utf-8")
    return tmp_path


def test_the_zip_is_searched_on_its_own(green: dict[str, Path], tmp_path: Path) -> None:
    from macros.publish.bundle import zip_terms
    found = zip_terms(green["zip"], _terms_project(tmp_path, CONTROL), "dist/partner.zip")
    assert found and all("in dist/partner.zip: partnership-playbook-partner/" in m for m in found)
    assert any("search" in m for m in found)  # the inlined search index too
    assert zip_terms(green["zip"], _terms_project(tmp_path / "clean", "Project Nightjar"), "z") == []


@pytest.mark.browser
def test_the_pdf_text_is_searched(green_pdf: Path, tmp_path: Path) -> None:
    from macros.publish.pdf import PdfError, check_terms
    with pytest.raises(PdfError) as caught:
        check_terms(green_pdf, "dist/partner.pdf", _terms_project(tmp_path, CONTROL))
    assert f"found '{CONTROL.lower()}' in dist/partner.pdf" in str(caught.value)
    check_terms(green_pdf, "dist/partner.pdf", _terms_project(tmp_path / "clean", "Project Nightjar"))


def test_the_how_to_quotes_the_real_messages(tmp_path: Path) -> None:
    """docs/how-to/publish-partner-edition.md shows these messages word for word."""
    from conftest import ROOT
    from macros.content.front_matter import KNOWN_LIST
    howto = (ROOT / "docs/how-to/publish-partner-edition.md").read_text(encoding="utf-8")
    (tmp_path / "docs/principles").mkdir(parents=True)
    (tmp_path / "docs/principles/win-win.md").write_text("# W\n\nA\nB\n\nThe floor price is internal\nonly.\n")
    messages = [
        str(read("---\ntitle: Trust\ndraft: true\n---\n# T\n", "docs/principles/trust.md").problems[0]),
        str(stray_front_matter("# Trust\n\nIntro.\n\n---\naudience: internal\n---\n", "docs/principles/trust.md")[0]),
        str(source_text.decode("Caf\u00e9".encode("latin-1"), "docs/principles/trust.md")[1]),
        hits([("site-public/principles/win-win/index.html", "<p>The floor price is internal only.</p>")],
             never_publish.Terms(never_publish.DEFAULT_TERMS), tmp_path)[0],
        KNOWN_LIST,
    ]
    for message in messages:
        assert message in howto, message


@pytest.mark.parametrize("front,found", [
    ("hide:\n  - navigaton\n", "found 'navigaton' (did you mean 'navigation'?)"),
    ("hide: toc\n", "found 'toc' on the same line (write 'hide:', then '  - toc' on the next line)"),
    ("search:\n  bost: 2\n", "found 'bost'"),
])
def test_what_material_reads_inside_hide_and_search_is_checked(front: str, found: str) -> None:
    problems = [str(p) for p in read(f"---\n{front}---\n# T\n", "docs/p.md").problems]
    assert len(problems) == 1 and problems[0].startswith("docs/p.md:2: field ") and problems[0].endswith(found)


def test_a_comment_in_a_template_stops_both_builds(tmp_path: Path) -> None:
    """Comments from overrides/ (not page Markdown) are caught in the built pages of either edition."""
    from conftest import ROOT
    template = (ROOT / "overrides/main.html").read_text(encoding="utf-8")
    assert "{{ super() }}" in template
    noted = template.replace("{{ super() }}", "{{ super() }}<!-- CANARY-S16 engineers' note -->", 1).encode()
    for config in ("mkdocs.yml", "mkdocs-public.yml"):
        message = build_with(tmp_path / config, {"overrides/main.html": noted}, config)
        assert "expected no HTML comment in a built page" in message and "found one: it comes from a template" \
            in message, message


@pytest.mark.parametrize("block", ['!!! note "Internal pricing"', '=== "Internal"', "!!! internal"])
def test_a_code_fence_never_closed_does_not_hide_internal_blocks_after_it(block: str) -> None:
    """Markdown reads on after a fence that never closes, so the blocks after it are real and must be stripped."""
    page = f"```text\nx\n\n{block}\n    Walk-away price CANARY-FENCE-9c1d\n\nAfter.\n"
    kept = split_internal(page)[0]
    assert "CANARY-FENCE-9c1d" not in kept and "After." in kept
    closed = f"```text\n{block}\n    example\n```\n"  # inside a closed fence: an example, kept
    assert split_internal(closed)[0] == closed


@pytest.mark.parametrize(("page", "line"), [
    ("!!! internal\nOur floor price is 8%.\n\nAfter.\n", 2),  # the text never indented: the passage is empty
    ('??? note "Internal pricing"\n    Our floor price is 8%,\nand we never go lower.\n\nAfter.\n', 3),
    ('=== "Partners"\n    Shared.\n=== "Internal"\n    Our floor,\nlazy line.\n', 5),
    ("- A step.\n\n    !!! internal\n        Our floor price.\n    and never lower.\n", 5),  # in a list
])
def test_text_right_under_an_internal_passage_and_not_indented_stops(page: str, line: int) -> None:
    """Markdown shows such a line after the passage, so the partner edition would keep it: the scan of every page
    (both editions) names it, with the fix. The fast path (no code fence) finds the same."""
    problems = [str(p) for p in block_problems(page, "docs/p.md")]
    assert problems == [str(p) for p in split_internal(page, "docs/p.md")[1]]
    assert len(problems) == 1 and problems[0].startswith(
        f"docs/p.md:{line}: expected the text of an internal passage indented four spaces further than its '!!!', "
        "'???' or '===' line, and a blank line after the passage, found '"), problems
    assert problems[0].endswith("' right under it and not indented further, which Markdown shows after the passage, "
                                "to partners too (indent it to keep it in the passage, or put a blank line before it "
                                "if partners may read it)")


@pytest.mark.parametrize("page", [
    "!!! internal\n    Floor.\n\nAfter.\n", "!!! internal\n    Floor.\n## Next\n", "!!! internal\n    Floor.\n!!! tip\n    x\n",
    '=== "Internal"\n    Floor.\n=== "Partners"\n    Shared.\n', "!!! note\n    Shared.\nlazy but not internal.\n"])
def test_a_passage_ended_by_a_blank_line_or_a_block_of_its_own_passes(page: str) -> None:
    assert block_problems(page, "docs/p.md") == []
