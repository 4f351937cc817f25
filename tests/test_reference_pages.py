"""Generated reference lists: the checklists index and the guidance headings follow the sources."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT, copy_project, mkdocs_build
from macros.content.anchors import scan_docs
from macros.content.loader import load_catalog

CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)


def rows(page_html: str) -> list[str]:
    table = re.search(r'<table class="pb-generated">.*?</table>', page_html, re.DOTALL)
    assert table is not None
    return [re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<tr><td>.*?</tr>", table.group(0))]


def test_the_checklist_index_lists_every_checklist_with_its_page(site) -> None:
    page = site.page("reference/checklists/index.html")
    listed = rows(page)
    assert len(listed) == len(CATALOG.checklists)
    for checklist in CATALOG:
        assert any(row.startswith(checklist.title) for row in listed), checklist.title
        assert f'href="{checklist.id}/"' in page


def test_a_new_checklist_appears_in_the_index_without_editing_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = yaml.safe_load((project / "data/checklists/health-check.yml").read_text())
    data.update(id="supplier-fit", title="Supplier fit", audience="internal")
    (project / "data/checklists/supplier-fit.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    (project / "docs/reference/checklists/supplier-fit.md").write_text(
        '---\naudience: internal\nrender_macros: true\n---\n\n# Supplier fit\n\n{{ checklist("supplier-fit") }}\n')
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["nav"][-1]["Reference"][1]["Checklists"].append("reference/checklists/supplier-fit.md")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    for name, listed in (("mkdocs.yml", True), ("mkdocs-public.yml", False)):
        result = mkdocs_build(project / name, tmp_path / name, cwd=project)
        assert result.returncode == 0, result.stderr
        index = (tmp_path / name / "reference/checklists/index.html").read_text()
        assert ("Supplier fit (internal)" in "".join(rows(index))) is listed
        assert "Partner fit" in index


def test_the_guidance_headings_page_lists_every_heading_and_who_points_at_it(site) -> None:
    page = site.page("reference/guidance-headings/index.html")
    docs = scan_docs(ROOT / "docs")
    for doc, anchors in docs.anchors.items():
        if doc == "reference/guidance-headings.md":
            continue
        for anchor in anchors:
            assert f"<code>{doc}#{anchor}</code>" in page, f"{doc}#{anchor}"
    fair = re.search(r"<code>principles/trust.md#fair-price</code></td><td>(.*?)</td>", page)
    assert fair is not None
    users = {(c.id, i.id) for c in CATALOG for i in c.items if i.guidance == "principles/trust.md#fair-price"}
    assert users and set(re.findall(r"<code>([\w-]+)</code> / <code>([\w-]+)</code>", fair.group(1))) == users


def test_the_guidance_headings_page_is_for_authors_only(public_site) -> None:
    assert not (public_site.root / "reference" / "guidance-headings").exists()
