"""macros/parse_cache.py: a cached checklist is always what parsing the file would give."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from macros import loader, parse_cache
from macros.errors import ChecklistErrors
from macros.loader import load_catalog
from macros.parse_cache import ParseCache


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data" / "checklists", tmp_path / "data" / "checklists")
    return tmp_path


def load(project: Path):  # type: ignore[no-untyped-def]
    cache = ParseCache.beside(project)
    catalog = load_catalog(project / "data" / "checklists", ROOT / "docs", root=project, cache=cache)
    cache.save()
    return catalog


def refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(text: str, source: str) -> None:
        raise AssertionError(f"{source} was parsed again")
    monkeypatch.setattr(loader, "parse_checklist", parse)


def test_a_second_build_reads_the_cache_and_gets_the_same_checklists(project, monkeypatch) -> None:
    first = load(project)
    assert (project / parse_cache.CACHE_FILE).is_file()
    refuse_parsing(monkeypatch)
    assert load(project).checklists == first.checklists


def test_an_edited_file_is_parsed_again(project, monkeypatch) -> None:
    load(project)
    target = project / "data" / "checklists" / "partner-fit.yml"
    target.write_text(target.read_text().replace("title: Partner fit", "title: Partner fit EDITED", 1))
    assert load(project)["partner-fit"].title == "Partner fit EDITED"
    refuse_parsing(monkeypatch)
    assert load(project)["partner-fit"].title == "Partner fit EDITED"


def test_a_file_with_a_mistake_is_never_cached(project) -> None:
    load(project)
    target = project / "data" / "checklists" / "partner-fit.yml"
    target.write_text(target.read_text().replace("version: 1", "version: zero", 1))
    for _ in range(2):
        with pytest.raises(ChecklistErrors, match="version"):
            load(project)


def test_new_code_or_a_broken_cache_file_means_parsing_again(project, monkeypatch) -> None:
    first = load(project)
    parsed: list[str] = []
    original = loader.parse_checklist
    monkeypatch.setattr(loader, "parse_checklist", lambda text, source: parsed.append(source) or original(text, source))
    monkeypatch.setattr(parse_cache, "CODE_VERSION", "another version of the code")
    assert load(project).checklists == first.checklists and len(parsed) == len(first)
    (project / parse_cache.CACHE_FILE).write_bytes(b"not a pickle")
    parsed.clear()
    assert load(project).checklists == first.checklists and len(parsed) == len(first)
