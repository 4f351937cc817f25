"""The chapters: original prose, long enough to teach, with the heading ids checklists rely on."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.content.anchors import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
COPYCHECK = ROOT.parent / "shared" / "tools" / "copycheck.py"


@pytest.mark.skipif(not COPYCHECK.exists(), reason="../shared is not beside this checkout")
def test_no_prose_is_copied_from_the_source_articles() -> None:
    result = subprocess.run([sys.executable, str(COPYCHECK), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "0 runs" in result.stdout


def test_the_playbook_has_substance() -> None:
    words = sum(len(re.findall(r"[A-Za-z']+", p.read_text())) for p in (ROOT / "docs").rglob("*.md"))
    assert words >= 8000, f"only {words} words"


def test_diataxis_how_to_titles() -> None:
    for page in (ROOT / "docs" / "how-to").glob("*.md"):
        if page.name != "index.md":
            title = split_front_matter(page.read_text())[1].strip().splitlines()[0]
            assert title.startswith("# How to "), f"{page.name}: {title}"
