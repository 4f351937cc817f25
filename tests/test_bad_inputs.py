"""The corpus of author mistakes: each file in tests/bad_inputs/ names the error it must produce."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.content.errors import ChecklistErrors
from macros.content.loader import load_catalog

HERE = Path(__file__).parent
CORPUS = sorted((HERE / "bad_inputs").glob("*.yml"))
ROOT = HERE.parent


def expectations(path: Path) -> list[str]:
    return [line.removeprefix("# expect:").strip() for line in path.read_text().splitlines()
            if line.startswith("# expect:")]


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_bad_input_gives_its_exact_error(path: Path, tmp_path: Path) -> None:
    data = tmp_path / "data" / "checklists"
    data.mkdir(parents=True)
    shutil.copy(path, data / path.name)
    with pytest.raises(ChecklistErrors) as caught:
        load_catalog(data, ROOT / "docs", root=tmp_path)
    report = str(caught.value)
    assert f"data/checklists/{path.name}" in report
    for expected in expectations(path):
        assert expected in report, f"{path.name}: {expected!r} not in:\n{report}"
