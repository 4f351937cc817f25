"""CONTRIBUTING.md maps every source file: a newcomer finds where a change belongs."""
from __future__ import annotations

import subprocess

from conftest import ROOT

MAPPED = ("macros", "overrides", "benchmarks", "hosting", ".ci", ".github", "Makefile", "pyproject.toml",
          "requirements.in", "requirements.txt", "mkdocs.yml", "mkdocs-public.yml")


def test_contributing_names_every_source_file() -> None:
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", *MAPPED], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    assert tracked, "git ls-files found nothing: run the tests in a checkout"
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = [path for path in tracked if not path.endswith("__init__.py") and path.rsplit("/", 1)[-1] not in text]
    assert missing == [], f"add these to CONTRIBUTING.md's map: {missing}"
