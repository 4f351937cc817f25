"""Every example in the reference docs is real: the YAML validates, the messages are what the build says."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.content.errors import ChecklistErrors
from macros.content.loader import load_catalog, parse_checklist
from macros.build.site import MACRO_CALL

ROOT = Path(__file__).resolve().parent.parent
FORMAT = (ROOT / "docs" / "reference" / "checklist-format.md").read_text()
LINKS = (ROOT / "docs" / "reference" / "checklist-links.md").read_text()
ERRORS = (ROOT / "docs" / "reference" / "checklist-errors.md").read_text()
BLOCK = re.compile(r"```(\w+)[^\n]*\n(.*?)```", re.DOTALL)


def blocks(kind: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(FORMAT + "\n" + ERRORS) if lang == kind]


def test_the_full_example_validates_and_uses_every_field() -> None:
    example = blocks("yaml")[0]
    checklist = parse_checklist(example, "example.yml")
    assert checklist.id == "supplier-fit" and checklist.answers == "scale" and checklist.about == "partnership"
    for field in ["id", "title", "version", "summary", "about", "answers", "scale", "bands", "sections",
                  "review_every", "intro", "items", "text", "guidance", "weight", "audience", "replaces"]:
        assert f"{field}:" in example
    assert checklist.items[-1].replaces == ("contact-known",)


def test_the_full_example_guidance_resolves_against_the_real_docs(tmp_path: Path) -> None:
    example = blocks("yaml")[0]
    data = tmp_path / "checklists"
    data.mkdir()
    (data / "example.yml").write_text(example)
    catalog = load_catalog(data, ROOT / "docs", root=tmp_path)
    assert len(catalog["supplier-fit"].items) == 2


def test_the_mirrored_pair_example_is_a_real_pair_of_the_playbook() -> None:
    pair = blocks("yaml")[1]
    head = "id: demo\ntitle: Demo\nversion: 1\nsummary: A demo.\nbands:\n  - {min: 0, max: 100, label: All, advice: Fine.}\n"
    checklist = parse_checklist(head + "sections:\n  - id: s\n    title: S\n    items:\n" + pair, "pair.yml")
    real = {i.id: i for i in load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)["joint-planning"].items}
    for item in checklist.items:
        assert (item.side, item.mirror, item.guidance) == (real[item.id].side, real[item.id].mirror, real[item.id].guidance)


def test_the_page_example_calls_the_macro_the_build_recognises() -> None:
    page = next(b for b in blocks("markdown") if "render_macros" in b)
    assert [m.group("id") for m in MACRO_CALL.finditer(page)] == ["supplier-fit"]


ROWS = re.findall(r"\(`(tests/bad_inputs/[\w-]+\.yml)`\) \| `(.+)` \|$", ERRORS, re.MULTILINE)


def test_the_error_table_documents_real_cases() -> None:
    assert len(ROWS) >= 10


@pytest.mark.parametrize("path,message", ROWS, ids=[r[0].rsplit("/", 1)[-1] for r in ROWS])
def test_documented_message_is_what_the_build_says(path: str, message: str, tmp_path: Path) -> None:
    data = tmp_path / "data" / "checklists"
    data.mkdir(parents=True)
    name = Path(path).name
    (data / name).write_text((ROOT / path).read_text())
    with pytest.raises(ChecklistErrors) as caught:
        load_catalog(data, ROOT / "docs", root=tmp_path)
    assert message in [str(e) for e in caught.value.errors]


TITLED = re.compile(r'```(\w+) title="([^"]+)"\n(.*?)```', re.DOTALL)


def titled(title: str) -> str:
    return next(body for _, name, body in TITLED.findall(FORMAT + "\n" + LINKS) if name == title)


def test_the_links_example_validates_and_links_from_the_page_the_form_is_on(tmp_path: Path) -> None:
    from macros.render.checklist import render_checklist
    from macros.render.guidance import href
    head = "id: demo\ntitle: Demo\nversion: 1\nsummary: A demo.\nbands:\n  - {min: 0, max: 100, label: All, advice: Fine.}\n"
    data = tmp_path / "checklists"
    data.mkdir()
    (data / "demo.yml").write_text(head + "sections:\n" + titled("links in texts"), encoding="utf-8")
    checklist = load_catalog(data, ROOT / "docs", root=tmp_path)["demo"]
    assert [link.target for link in checklist.links] == ["principles/trust.md", "principles/trust.md#fair-price"]
    form = render_checklist(checklist, lambda target: href(target, "reference/checklists/demo/"))
    assert 'Read <a href="../../../principles/trust/">Trust</a> before you answer.' in form
    assert 'Prices stayed <a href="../../../principles/trust/#fair-price">fair</a>' in form
    assert '<a href="https://example.org/model-contract">model contract</a>' in form


def test_the_links_section_shows_the_message_the_build_gives() -> None:
    shown = LINKS.split("```text\n", 1)[1].split("\n```", 1)[0]
    assert shown in [row[1] for row in ROWS] and "link-relative.yml" in shown
