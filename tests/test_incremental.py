"""The fast rebuild of `make serve` (macros/serve/incremental.py) gives the same site as a clean build."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from macros.serve.incremental import Session
from conftest import copy_project



@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


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

    # A checklist item's text: its checklist page, the page its guidance points at, and the three generated
    # pages (the checklist index, the guidance headings and the portfolio, whose data holds every item).
    edit(project / "data/checklists/partner-fit.yml", "text: ", "text: Edited while serving, ")
    assert session.update() == "5 page(s)"
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

    # A warning while re-validating fails the update, as in a strict build: a checklist shown on no page.
    edit(project / "docs/reference/checklists/partner-fit.md", '{{ checklist("partner-fit") }}', "")
    with pytest.raises(Abort):
        session.update()
    edit(project / "docs/reference/checklists/partner-fit.md", "\n\n", '\n\n{{ checklist("partner-fit") }}\n\n')
    assert session.update() == "full"  # after a failed update, the next edit gets a clean build

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


def test_make_serve_shows_an_edit_and_keeps_the_last_good_page_on_an_error(project: Path) -> None:
    """`python -m macros.serve.server` (what `make serve` runs): live rebuilds in a real server process."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(project)}
    server = subprocess.Popen([sys.executable, "-m", "macros.serve.server", "-a", f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def page(marker: str, present: bool = True) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/principles/trust/", timeout=5) as response:
                    text = response.read().decode()
                if (marker in text) == present:
                    return text
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{marker!r} {'never appeared' if present else 'never went away'}")

    try:
        page("Partner or acquaintance")
        edit(project / "docs/principles/trust.md", "\n\n", "\n\nServed live after an edit.\n\n")
        page("Served live after an edit.")
        (project / "data/checklists/partner-fit.yml").write_text("id: [broken\n")
        time.sleep(2)
        page("Served live after an edit.")  # the last good page stays
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0]
    assert "Rebuilt (1 page(s))" in log
    assert "[macros]" not in log  # mkdocs-macros' INFO chatter only with V=1
    assert "data/checklists/partner-fit.yml:1: expected valid YAML" in log and "Traceback" not in log
