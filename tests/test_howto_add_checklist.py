"""The how-to "Add a checklist" works as written, and its messages are the build's, word for word."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from conftest import ROOT, copy_project, mkdocs_build
from macros.content.anchors import scan_docs
from macros.content.errors import ChecklistErrors
from macros.content.loader import load_catalog
from macros.content.macro_calls import check_pages

HOWTO = (ROOT / "docs" / "how-to" / "add-a-checklist.md").read_text()
FILES = dict(re.findall(r'```\w+ title="([\w/.-]+)"\n(.*?)```', HOWTO, re.DOTALL))
NAV = re.search(r'```yaml title="mkdocs.yml \(excerpt\)"\n(.*?)```', HOWTO, re.DOTALL)
MISTAKES = [(file, before, after[1:-1] if len(after) > 1 else "", message, bool(partner))
            for partner, file, before, after, message in re.findall(
                r"<!-- mistake( in the partner edition)?: ([\w/.-]+) \| (.*?) \|(.*?)-->\n.*?```text\n(.*?)\n```",
                HOWTO, re.DOTALL)]
JINJA = jinja2.Environment(comment_start_string="{##", comment_end_string="##}")  # as mkdocs.yml sets them


def follow_the_howto(project: Path) -> None:
    """Steps 1 to 3, as a new author would do them: the two files, then the nav entry."""
    for name, text in FILES.items():
        (project / name).write_text(text)
    assert NAV is not None
    new_line = NAV.group(1).rstrip("\n").splitlines()[-1]
    config = project / "mkdocs.yml"
    anchor = "          - reference/checklists/index.md\n"
    assert anchor in config.read_text()
    config.write_text(config.read_text().replace(anchor, anchor + new_line + "\n"))


def test_the_howto_names_its_files_and_mistakes() -> None:
    assert set(FILES) == {"data/checklists/supplier-review.yml", "docs/reference/checklists/supplier-review.md"}
    assert len(MISTAKES) >= 7


def test_following_the_howto_builds_both_editions(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    follow_the_howto(project)
    for name in ("mkdocs.yml", "mkdocs-public.yml"):
        result = mkdocs_build(project / name, tmp_path / name, cwd=project)
        assert result.returncode == 0, result.stderr
        page = (tmp_path / name / "reference/checklists/supplier-review/index.html").read_text()
        assert 'data-pb-checklist="supplier-review"' in page
        assert ("Our escalation contact" in page) is (name == "mkdocs.yml")  # the internal item
        assert "Supplier review" in (tmp_path / name / "reference/checklists/index.html").read_text()


def messages(project: Path) -> list[str]:
    """What the build reports for the project's checklists and pages, without a whole build."""
    docs = scan_docs(project / "docs")
    found = [str(p) for p in docs.problems + check_pages(docs, JINJA)]
    try:
        load_catalog(project / "data" / "checklists", project / "docs", root=project, docs=docs)
    except ChecklistErrors as errors:
        found += [str(e) for e in errors.errors]
    return found


@pytest.mark.parametrize("file,before,after,message,partner", MISTAKES, ids=[m[3][:50] for m in MISTAKES])
def test_each_documented_message_is_what_the_build_says(file: str, before: str, after: str, message: str,
                                                        partner: bool, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    follow_the_howto(project)
    path = project / file
    text = path.read_text()
    line = before + "\n"
    assert line in text, f"{before!r} is not a line of {file}"
    path.write_text(text.replace(line, after + "\n" if after else "", 1))
    if file == "mkdocs.yml" or partner:  # whole builds: the nav, and what only the partner edition checks
        result = mkdocs_build(project / ("mkdocs-public.yml" if partner else "mkdocs.yml"), tmp_path / "site",
                              cwd=project)
        assert result.returncode != 0 and message in result.stderr, result.stderr
    else:
        assert message in messages(project)
