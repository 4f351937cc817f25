"""`make build` and `make public` replace the site only when the build succeeds."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import copy_project


def safe_build(project: Path, config: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([sys.executable, "-m", "macros.build.safe_build", config], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def test_success_replaces_and_failure_keeps_the_last_good_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    first = safe_build(project, "mkdocs.yml")
    assert first.returncode == 0, first.stderr
    page = project / "site" / "index.html"
    assert page.is_file()
    umask = os.umask(0)
    os.umask(umask)
    assert (project / "site").stat().st_mode & 0o777 == 0o777 & ~umask, "readable by a web server, like any folder"
    marker = project / "site" / "marker.txt"
    marker.write_text("last good site")
    (project / "data" / "checklists" / "broken.yml").write_text("id: [broken\n")
    failed = safe_build(project, "mkdocs.yml")
    assert failed.returncode != 0
    assert "Build failed; the last good site in site/ was left untouched." in failed.stderr
    assert "expected valid YAML" in failed.stderr and "Traceback" not in failed.stderr
    assert marker.read_text() == "last good site" and page.is_file()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
    (project / "data" / "checklists" / "broken.yml").unlink()
    again = safe_build(project, "mkdocs-public.yml")
    assert again.returncode == 0, again.stderr
    assert (project / "site-public" / "index.html").is_file() and marker.exists()


def test_a_mistake_in_mkdocs_yml_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("\n  - Tutorial:", "\n   - Tutorial:"))
    for name in ("mkdocs.yml", "mkdocs-public.yml"):  # the partner edition INHERITs the broken file
        result = safe_build(project, name)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert result.stderr.startswith("Build failed: mkdocs.yml:")
        assert "check the indentation of this line against the one above" in result.stderr


def test_info_lines_only_with_v_1(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    quiet = safe_build(project, "mkdocs.yml")
    assert quiet.returncode == 0 and "INFO" not in quiet.stderr + quiet.stdout
    assert "Built site/ from mkdocs.yml." in quiet.stdout
    loud = subprocess.run([sys.executable, "-m", "macros.build.safe_build", "mkdocs.yml"], cwd=project,
                          env={**os.environ, "PYTHONPATH": str(project), "V": "1"},
                          capture_output=True, text=True, timeout=300)
    assert loud.returncode == 0 and "INFO" in loud.stderr
