"""Fail closed: a near miss in how content is marked internal never reaches the partner edition.

Each mistake either counts as internal for certain (and is left out), or stops
the build with the file, the line and what was expected. The build tests plant
a canary in each and search every file of the output for it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import copy_project, mkdocs_build
from macros.content.blocks import split_internal
from macros.content.front_matter import read
from test_editions import file_texts, find_leaks


# -- Front matter ------------------------------------------------------------------
@pytest.mark.parametrize("front,message", [
    ("---\naudiance: internal\n---\n",
     "docs/p.md:2: field 'audiance': expected a front matter key MkDocs knows, like 'audience', "
     "found 'audiance' (did you mean 'audience'?)"),
    ("---\nAudience: internal\n---\n",
     "docs/p.md:2: field 'Audience': expected a front matter key MkDocs knows, like 'audience', "
     "found 'Audience' (did you mean 'audience'?)"),
    ("---\naudience: Internal\n---\n",
     "docs/p.md:2: field 'audience': expected an audience of internal or public, spelt exactly so, "
     "found 'Internal' (did you mean 'internal'?)"),
    ("---\ntitle: T\naudience: internl\n---\n",
     "docs/p.md:3: field 'audience': expected an audience of internal or public, spelt exactly so, "
     "found 'internl' (did you mean 'internal'?)"),
    ("---\naudience: internal\ntitle: T\n",
     "docs/p.md:1: expected front matter closed by a line of three dashes (---), found a block opened on "
     "line 1 that is never closed, so MkDocs reads none of it"),
    ("---\naudience: internal\ntitle: Pricing: the rules\n---\n",
     "docs/p.md:3: expected valid YAML front matter (MkDocs would ignore all of it), found a syntax error at "
     "column 15: text containing ': ' must be in quotes"),
    ("---\nvisibility: internal\n---\n",
     "docs/p.md:2: field 'visibility': expected 'audience: internal' to keep a page out of the partner "
     "edition, found 'visibility: internal', which does not (did you mean 'audience: internal'?)"),
    ("---\ntags: [internal]\n---\n",
     "docs/p.md:2: field 'tags': expected 'audience: internal' to keep a page out of the partner edition, "
     "found 'tags: ['internal']', which does not"),
    ("---\naudience: internal\naudience: public\n---\n",
     "docs/p.md:2: field 'audience': expected each front matter key once, found 'audience' again on line 3 "
     "(MkDocs keeps only the last one)"),
    ("---\nrender_macros: yes please\n---\n",
     "docs/p.md:2: field 'render_macros': expected true or false, found 'yes please'"),
    ("---\naudience: public\ntitle: Why we are #1 for partners\n---\n",  # the title would be "Why we are"
     "docs/p.md:3: expected a text holding ' #' to be in quotes (after a space, '#' starts a comment, left out "
     "of the text), found a text of which readers would see only 'Why we are' ('#1 for partners' is read as a "
     "comment): write it in quotes, like \"Why we are #1 for partners\""),
    ("---\ntitle: Pricing   # internal only, do not share\n---\n",  # a comment hides nothing here either
     "docs/p.md:2: expected 'audience: internal' on whatever must not reach partners"),
])
def test_front_matter_mistakes_are_named_with_their_line(front: str, message: str) -> None:
    problems = read(front + "\n# Page\n\nText.\n", "docs/p.md").problems
    assert any(str(p).startswith(message) for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("text,audience", [
    ("---\naudience: internal\n---\n# P\n", "internal"),
    ("audience: internal\n\n# P\n", "internal"),  # MultiMarkdown style, as MkDocs reads it
    ("Audience: internal\n\n# P\n", "internal"),  # MkDocs lower-cases MultiMarkdown keys
    ("---\naudience: public\n---\n# P\n", "public"),
])
def test_front_matter_is_read_as_mkdocs_reads_it(text: str, audience: str) -> None:
    result = read(text, "docs/p.md")
    assert result.meta.get("audience") == audience and result.problems == []


# -- Internal passages ---------------------------------------------------------------
@pytest.mark.parametrize("opener", [
    '!!! internal "Pricing"', '!!! Internal "Pricing"', '!!! INTERNAL', '!!! note internal "Pricing"',
    '!!! warning Internal', '??? internal "Pricing"', '???+ Internal "Pricing"', '!!!internal "Pricing"',
    '!!! "Internal pricing"',
])
def test_every_spelling_of_internal_is_left_out(opener: str) -> None:
    text = f"Before.\n\n{opener}\n    SECRET line.\n\n    More SECRET.\n\nAfter.\n"
    kept, problems = split_internal(text, "docs/p.md")
    assert "SECRET" not in kept and "Before." in kept and "After." in kept and problems == []


@pytest.mark.parametrize("opener,found", [
    ('!!! internl "Pricing"', "'internl' in '!!! internl \"Pricing\"' (did you mean 'internal'?)"),
    ('??? intrenal', "'intrenal' in '??? intrenal' (did you mean 'internal'?)"),
    ('!!! note internals', "'internals' in '!!! note internals' (did you mean 'internal'?)"),
    ('!!! private "Pricing"', "'private' in '!!! private \"Pricing\"', which partners would see (did you mean 'internal'?)"),
    ('!!! Confidential', "'confidential' in '!!! Confidential', which partners would see (did you mean 'internal'?)"),
])
def test_near_misses_of_internal_stop_the_build(opener: str, found: str) -> None:
    _, problems = split_internal(f"Text.\n\n{opener}\n    Secret.\n", "docs/p.md", first_line=5)
    assert [str(p) for p in problems] == [
        "docs/p.md:7: expected 'internal' as the block's type to keep a passage out of the partner edition, "
        f"found {found}"]


def test_a_block_markdown_cannot_read_stops_the_build() -> None:
    _, problems = split_internal('Text.\n\n!!! "Pricing"\n    Secret.\n', "docs/p.md")
    assert [str(p) for p in problems] == [
        "docs/p.md:3: expected a block like !!! note \"Title\" (a type, then an optional title in double "
        "quotes), found '!!! \"Pricing\"', which Markdown shows as plain text and code"]


def test_examples_in_code_are_not_blocks() -> None:
    text = "```markdown\n!!! internl \"Pricing\"\n    x\n```\n\n~~~~\n!!! internal\n    kept\n~~~~\n"
    assert split_internal(text, "docs/p.md") == (text, [])


# -- Whole builds ----------------------------------------------------------------------
INTERNAL_NOW = {  # written in ways that must count as internal: built, and never in the partner edition
    "admonition-case": ('!!! Internal "Pricing"\n    CANARY-CASE-31a7\n', "principles/win-win.md"),
    "admonition-class": ('!!! note internal "Pricing"\n    CANARY-CLASS-52bd\n', "principles/trust.md"),
    "collapsible-upper": ('???+ INTERNAL "Pricing"\n    CANARY-UPPER-7c1e\n', "principles/ideal-partner.md"),
    "nested-in-list": ('1. Step\n\n    !!! internal\n        CANARY-NESTED-0f4d\n', "how-to/part-ways.md"),
}


def test_every_spelling_that_means_internal_stays_out_of_the_partner_edition(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for text, page in INTERNAL_NOW.values():
        path = project / "docs" / page
        path.write_text(path.read_text() + "\n" + text + "\nAfter the passage.\n")
    # Pages opt in, so this page stays out however its front matter is read; it checks that writing
    # 'Audience: internal' MultiMarkdown-style still builds (tests/test_partner_corpus.py has pages without it).
    (project / "docs" / "reference" / "mmd.md").write_text("Audience: internal\n\n# MMD CANARY-MMD-9a2b\n")
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["nav"].append({"MMD": "reference/mmd.md"})
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    canaries = {name: text.split("CANARY-", 1)[1].split()[0] for name, (text, _) in INTERNAL_NOW.items()}
    canaries = {name: "CANARY-" + tail for name, tail in canaries.items()} | {"mmd-page": "CANARY-MMD-9a2b"}
    builds = {}
    for config_name in ("mkdocs.yml", "mkdocs-public.yml"):
        builds[config_name] = tmp_path / config_name
        result = mkdocs_build(project / config_name, builds[config_name], cwd=project)
        assert result.returncode == 0, result.stderr
    assert set(find_leaks(builds["mkdocs.yml"], canaries)) == set(canaries)  # the check can fail
    assert find_leaks(builds["mkdocs-public.yml"], canaries) == {}


MISTAKES = {  # page, text appended, the line the message must name (None: computed), the message
    "front-typo": ("reference/approvals.md", None,
                   "docs/reference/approvals.md:2: field 'audiance': expected a front matter key MkDocs knows"),
    "audience-case": ("reference/glossary.md", None,
                      "docs/reference/glossary.md:2: field 'audience': expected an audience of internal or "
                      "public, spelt exactly so, found 'Internal' (did you mean 'internal'?)"),
    "admonition-typo": ("principles/win-win.md", '!!! internl "Pricing"\n    CANARY-TYPO-4e8a\n',
                        "expected 'internal' as the block's type to keep a passage out of the partner edition, "
                        "found 'internl' in '!!! internl \"Pricing\"' (did you mean 'internal'?)"),
    "macro-without-render": ("principles/why-partner.md", '{{ checklist("partner-fit") }}\n',
                             "expected 'render_macros: true' in the front matter of a page that calls a macro, "
                             "found {{ checklist(\"partner-fit\") }} on a page without it"),
    "curly-quotes": ("reference/checklists/health-check.md", "{{ checklist(\u201chealth-check\u201d) }}\n",
                     "expected straight quotes (\") around the id: curly quotes, as word processors type them, "
                     "do not work, found {{ checklist(\u201chealth-check\u201d) }}"),
    "jinja-syntax": ("reference/checklists/partner-fit.md", "{{ checklist('partner-fit' }}\n",
                     "expected a call written exactly like {{ checklist(\"the-id\") }}, with the id in quotes"),
}


def test_each_mistake_stops_both_builds_naming_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    lines = {}
    for name, (page, text, _) in MISTAKES.items():
        path = project / "docs" / page
        if text is None:
            continue
        before = path.read_text()
        path.write_text(before + "\n" + text)
        lines[name] = before.count("\n") + 2
    approvals = project / "docs" / "reference" / "approvals.md"
    approvals.write_text(approvals.read_text().replace("audience: internal", "audiance: internal")
                         + "\nCANARY-APPROVALS-2d6c\n")
    glossary = project / "docs" / "reference" / "glossary.md"
    glossary.write_text(glossary.read_text().replace("audience: public", "audience: Internal", 1)
                        + "\nCANARY-GLOSSARY-8b1f\n")
    for config_name in ("mkdocs-public.yml", "mkdocs.yml"):
        out = tmp_path / f"site-{config_name}"
        result = mkdocs_build(project / config_name, out, cwd=project)
        output = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in output
        assert f"The build stopped: {len(MISTAKES)} problems to fix:" in output
        for name, (page, _, message) in MISTAKES.items():
            where = f"docs/{page}:{lines[name]}: " if name in lines else ""
            assert where + message in output, f"{name}: {where + message!r} not in\n{output}"
        texts = file_texts(out) if out.exists() else {}
        assert not any("CANARY-" in text for text in texts.values())


def test_a_public_checklist_only_on_an_internal_page_stops_the_partner_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "reference" / "checklists" / "health-check.md"
    page.write_text(page.read_text().replace("audience: public\n", ""))  # pages opt in: now internal
    public = mkdocs_build(project / "mkdocs-public.yml", tmp_path / "public", cwd=project)
    assert public.returncode != 0
    assert ("data/checklists/health-check.yml: checklist 'health-check', field 'audience': expected a public "
            "checklist shown on a page the partner edition includes, found checklist 'health-check' only on "
            "internal page(s) docs/reference/checklists/health-check.md (mark the checklist 'audience: "
            "internal', or show it on a public page)") in public.stderr
    internal = mkdocs_build(project / "mkdocs.yml", tmp_path / "internal", cwd=project)
    assert internal.returncode == 0, internal.stderr


def test_a_misspelt_audience_is_one_message_not_one_per_item_pointing_at_the_page(tmp_path: Path) -> None:
    """The page's own mistake is the one to fix; advice to mark each item pointing there internal would do harm."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "principles" / "trust.md"
    page.write_text(page.read_text().replace("audience: public\n", "audiance: public\n", 1))
    public = mkdocs_build(project / "mkdocs-public.yml", tmp_path / "public", cwd=project)
    assert public.returncode != 0
    assert "The build stopped: 1 problem to fix" in public.stderr and "field 'audiance'" in public.stderr
    assert "principles/trust.md', which partners do not get" not in public.stderr


def test_a_macro_left_as_text_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "principles" / "trust.md"
    page.write_text(page.read_text() + "\nToday is {{ now() }}.\n")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site", cwd=project)
    assert result.returncode != 0
    assert ("docs/principles/trust.md: expected every macro call to be rendered, found {{ now() }} as text on "
            "the page") in result.stderr


# -- Duplicate ids name the file the author just touched ---------------------------------
def test_a_duplicate_checklist_id_is_reported_on_the_newer_file(tmp_path: Path) -> None:
    import os

    from macros.content.errors import ChecklistErrors
    from macros.content.loader import load_catalog

    data = tmp_path / "data" / "checklists"
    data.mkdir(parents=True)
    source = (Path(__file__).parent.parent / "data" / "checklists" / "health-check.yml").read_text()
    (data / "b-old.yml").write_text(source)
    (data / "a-new.yml").write_text("# A copy, made today.\n" + source)  # sorts first, written last
    os.utime(data / "b-old.yml", ns=(1_000_000_000, 1_000_000_000))
    with pytest.raises(ChecklistErrors) as caught:
        load_catalog(data, Path(__file__).parent.parent / "docs", root=tmp_path)
    assert [str(e) for e in caught.value.errors] == [
        "data/checklists/a-new.yml:3: checklist 'health-check', field 'id': expected a checklist id used by one "
        "file only, found 'health-check', already the id of data/checklists/b-old.yml (give this checklist a new id)"]


def test_html_marked_internal_that_markdown_keeps_stops_the_partner_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "principles" / "trust.md"
    page.write_text(page.read_text() + '\n<div class="admonition Internal" markdown>\nCANARY-HTML-6e0c\n</div>\n')
    out = tmp_path / "public"
    result = mkdocs_build(project / "mkdocs-public.yml", out, cwd=project)
    assert result.returncode != 0
    assert ("docs/principles/trust.md: expected no internal content in the partner edition, found "
            '<div class="admonition Internal">') in result.stderr
    assert not any("CANARY-HTML-6e0c" in text for text in (file_texts(out) if out.exists() else {}).values())


def test_the_fast_block_check_finds_what_the_full_one_finds() -> None:
    """anchors.py uses block_problems() on every page; it must agree with split_internal()."""
    from macros.content.blocks import block_problems
    samples = [p.read_text() for p in (Path(__file__).parent.parent / "docs").rglob("*.md")]
    samples += [f"Text.\n\n{opener}\n    Secret.\n" for opener in (
        '!!! internl "Pricing"', '??? intrenal', '!!! private', '!!! "Pricing"', '!!! Internal', '!!! tip "x"')]
    samples += ["```\n!!! internl\n```\n\n!!! private\n    x\n"]
    for text in samples:
        assert block_problems(text, "docs/p.md", 3) == split_internal(text, "docs/p.md", 3)[1]


def test_front_matter_gives_what_mkdocs_gives_for_every_page() -> None:
    """front_matter.read parses a YAML block once itself: its meta and body must be MkDocs' own."""
    from mkdocs.utils.meta import get_data
    samples = [p.read_text() for p in (Path(__file__).parent.parent / "docs").rglob("*.md")]
    samples += ["---\naudience: internal\n---\n\n\n# P\n", "---  \ntitle: T\n...\n# P\n", "Title: x\n\n# P\n",
                "# No front matter\n", "---\n- a list\n---\n# P\n"]
    for text in samples:
        result = read(text, "docs/p.md")
        body, meta = get_data(text)
        assert (result.meta, result.body) == (meta, body) or result.problems, text[:40]
