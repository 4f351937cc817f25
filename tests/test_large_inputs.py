"""Very large inputs build: a checklist of the most items allowed (200) and a 1 MB page.

Past the limits, tests/test_hostile_inputs.py checks the build stops quickly instead."""
from __future__ import annotations

import time
from pathlib import Path

import yaml

from conftest import mkdocs_build
from conftest import copy_project
from macros.content.loader import MAX_ITEMS


def test_a_200_item_checklist_and_a_1mb_page_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    sections = [{"id": f"s{s}", "title": f"Section {s}", "items": [
        {"id": f"i{s}-{i}", "text": f"Item {s}.{i} holds.", "guidance": "principles/trust.md#fair-price",
         "weight": 1 + i % 3} for i in range(20)]} for s in range(MAX_ITEMS // 20)]
    checklist = {"id": "huge", "title": "Huge", "version": 1, "summary": "Two hundred items.",
                 "bands": [{"min": 0, "max": 100, "label": "Any", "advice": "None."}], "sections": sections}
    (project / "data" / "checklists" / "huge.yml").write_text(yaml.safe_dump(checklist))
    (project / "docs" / "huge.md").write_text('---\nrender_macros: true\n---\n\n# Huge\n\n{{ checklist("huge") }}\n')
    paragraph = "Partners share work, risk and gains toward a common future. " * 8
    body = "".join(f"## Part {n}\n\n{paragraph}\n\n" for n in range(2100))
    (project / "docs" / "big.md").write_text("# Big page\n\n" + body)
    assert (project / "docs" / "big.md").stat().st_size > 1_000_000
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["nav"].append({"Large": ["huge.md", "big.md"]})
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    start = time.monotonic()
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site", cwd=project)
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "huge" / "index.html").read_text()
    assert html.count('class="pb-item"') == MAX_ITEMS == 200
    print(f"a {MAX_ITEMS}-item checklist page: {len(html.encode()):,} bytes")
    assert (tmp_path / "site" / "big" / "index.html").read_text().count("<h2") == 2100
    print(f"large inputs built in {elapsed:.1f} s")
