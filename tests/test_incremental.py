"""The fast rebuild of `make serve` (macros/incremental.py) gives the same site as a clean build."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from macros.incremental import Session

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("docs", "data", "macros", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree(site: Path) -> dict[str, object]:
    """Every file of a built site; the search index as a set of entries (their order is free)."""
    out: dict[str, object] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix != ".gz":
            rel = path.relative_to(site).as_posix()
            if rel == "search/search_index.json":
                data = json.loads(path.read_text(encoding="utf-8"))
                out[rel] = (data["config"], sorted(json.dumps(d, sort_keys=True) for d in data["docs"]))
            else:
                out[rel] = path.read_bytes()
    return out


def same_as_clean_build(project: Path, session: Session) -> None:
    clean = Session(project / "mkdocs.yml", project / "clean-site")
    clean.full()
    got, want = tree(Path(session.site_dir)), tree(project / "clean-site")
    assert got.keys() == want.keys()
    differ = [name for name in want if got[name] != want[name]]
    assert differ == [], f"stale after an incremental rebuild: {differ}"


def test_each_kind_of_edit_rebuilds_few_pages_and_equals_a_clean_build(project: Path) -> None:
    session = Session(project / "mkdocs.yml", project / "site")
    session.full()
    assert session.update() == "nothing"

    # Prose on one page: that page only.
    edit(project / "docs/principles/trust.md", "\n\n", "\n\nA sentence added while serving.\n\n")
    assert session.update() == "1 page(s)"
    assert "A sentence added while serving." in (project / "site/principles/trust/index.html").read_text()
    same_as_clean_build(project, session)

    # A checklist item's text: its checklist page and the page its guidance points at.
    edit(project / "data/checklists/partner-fit.yml", "text: ", "text: Edited while serving, ")
    assert session.update() == "2 page(s)"
    same_as_clean_build(project, session)

    # A heading that guidance points at: the page itself and the checklists quoting it.
    edit(project / "docs/principles/ideal-partner.md", "{#who-the-champion}", "renamed {#who-the-champion}")
    assert session.update().endswith("page(s)")
    assert "renamed" in (project / "site/reference/checklists/partner-fit/index.html").read_text()
    same_as_clean_build(project, session)


def test_a_bad_edit_fails_and_keeps_the_site_then_the_fix_rebuilds(project: Path) -> None:
    session = Session(project / "mkdocs.yml", project / "site")
    session.full()
    page = project / "site/reference/checklists/partner-fit/index.html"
    before = page.read_bytes()
    edit(project / "data/checklists/partner-fit.yml", "guidance: principles/ideal-partner.md#",
         "guidance: principles/ideal-partner.md#no-such-heading-")
    with pytest.raises(PluginError, match="no-such-heading-"):
        session.update()
    assert page.read_bytes() == before
    edit(project / "data/checklists/partner-fit.yml", "#no-such-heading-", "#")
    assert session.update().endswith("page(s)")
    same_as_clean_build(project, session)

    # A heading another page links to is removed: the anchor check of every page runs again.
    edit(project / "docs/principles/trust.md", "{#partner-or-acquaintance}", "{#renamed-anchor}")
    with pytest.raises((Abort, PluginError)):
        session.update()


def test_titles_config_and_new_files_get_a_full_build(project: Path) -> None:
    session = Session(project / "mkdocs.yml", project / "site")
    session.full()
    edit(project / "docs/principles/trust.md", "# ", "# Edited title: ")
    assert session.update() == "full"
    (project / "docs/principles/new-page.md").write_text("# New page\n\nText.\n")
    edit(project / "mkdocs.yml", "omitted_files: warn", "omitted_files: info")
    assert session.update() == "full"
    assert (project / "site/principles/new-page/index.html").is_file()
    same_as_clean_build(project, session)
