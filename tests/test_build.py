"""Strict builds: the real site builds; a bad checklist stops the build with a readable report."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project


def build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=300)


def test_the_whole_site_builds_strict(site) -> None:
    assert (site.root / "index.html").is_file()
    assert (site.root / "search" / "search_index.json").is_file()
    assert "WARNING" not in site.log


def test_pages_get_the_form_while_search_and_print_get_the_short_list(site) -> None:
    """macros/build/slots.py: no short list is left on a page; search indexes item texts only; print keeps guidance."""
    import json

    page = (site.root / "reference" / "checklists" / "partner-fit" / "index.html").read_text()
    assert 'data-pb-checklist="partner-fit"' in page and "data-pb-slot" not in page
    index = json.loads((site.root / "search" / "search_index.json").read_text())
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("reference/checklists/partner-fit/"))
    assert "inside the partner who can clear internal obstacles" in text
    assert "Note (evidence, owner, next step)" not in text
    assert "Guidance:" not in text  # a search for a heading finds the heading, not every item pointing at it
    printed = (site.root / "print_page" / "index.html").read_text()
    assert "inside the partner who can clear internal obstacles" in printed and 'class="pb-paper__items"' in printed
    paper = printed[printed.index('class="pb-paper__items"'):]
    assert "Guidance: " in paper[:paper.index("</ol>")]  # on paper, each item names its guidance


def test_bad_checklist_stops_the_build_with_a_readable_report(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    target = project / "data" / "checklists" / "partner-fit.yml"
    text = target.read_text().replace("guidance: principles/ideal-partner.md#who-the-champion",
                                      "guidance: principles/ideal-partner.md#who-the-chmpion", 1)
    text = text.replace("weight: 2", "weight: -1", 1)
    target.write_text(text)
    (project / "data" / "checklists" / "broken.yml").write_text("id: broken\ntitle: [oops\n")
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "data/checklists/partner-fit.yml" in output and "data/checklists/broken.yml" in output
    assert "item 'champion', field 'weight': expected a positive number" in output
    assert "'#who-the-chmpion', which is not a heading there (did you mean 'who-the-champion'" in output
    assert "expected valid YAML" in output
    assert not (project / "site").exists(), "a failed build must not write pages"


def test_unknown_checklist_on_a_page_is_reported_without_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    page = project / "docs" / "reference" / "checklists" / "partner-fit.md"
    page.write_text(page.read_text().replace('checklist("partner-fit")', 'checklist("partner-fitt")'))
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert 'docs/reference/checklists/partner-fit.md: expected the id of a checklist in data/checklists/' in output
    assert 'found checklist("partner-fitt")' in output


def test_checklist_on_no_page_fails_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    shutil.copy(project / "data" / "checklists" / "partner-fit.yml", project / "data" / "checklists" / "orphan.yml")
    orphan = project / "data" / "checklists" / "orphan.yml"
    orphan.write_text(orphan.read_text().replace("id: partner-fit", "id: orphan"))
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "checklist 'orphan' is on no page" in output


def test_a_page_with_macros_can_still_give_headings_explicit_ids(tmp_path: Path) -> None:
    """`{#id}` is also Jinja's comment opener; the macros config must not swallow it."""
    project = copy_project(tmp_path)
    page = project / "docs" / "reference" / "checklists" / "partner-fit.md"
    page.write_text(page.read_text() + "\n## After the form {#after-the-form}\n\nText.\n")
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'id="after-the-form"' in (project / "site" / "reference" / "checklists" / "partner-fit" / "index.html").read_text()


def test_the_site_ships_minified_copies_of_our_scripts_and_styles(site) -> None:
    from macros.build.minify import minify_assets

    for name in ("assets/javascripts/playbook.js", "assets/javascripts/compare.js", "assets/stylesheets/playbook.css"):
        shipped, source = (site.root / name).read_text(), (ROOT / "overrides" / name).read_text()
        assert len(shipped) < 0.8 * len(source), name
        assert "/*" not in shipped, name
    # Running it again (as a rebuild does) changes nothing; other sites' files are left alone.
    again = minify_assets(site.root, ["assets/javascripts/playbook.js", "https://example.org/x.js"], [])
    assert list(again) == ["assets/javascripts/playbook.js"]
    before, after = again["assets/javascripts/playbook.js"]
    assert before == after
    # The store ships inside playbook.js, before the kit that uses it, and once (issue 21: one request).
    assert not (site.root / "assets" / "javascripts" / "store.js").exists()
    shipped = (site.root / "assets" / "javascripts" / "playbook.js").read_text()
    assert shipped.count("window.pbStore={") == 1 and shipped.index("window.pbStore={") < shipped.index("window.pbKit=")


def test_minified_scripts_come_from_the_cache_only_when_the_script_is_unchanged(tmp_path, monkeypatch) -> None:
    from macros.build import minify

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = (ROOT / "overrides" / "assets" / "javascripts" / "compare.js").read_text()
    fresh = minify._js(source)
    assert fresh == minify._mangle(source) and "\n" not in fresh
    [entry] = list(minify.cache_dir().iterdir())
    entry.write_text("/* planted */", encoding="utf-8")  # proves the second call reads the cache
    assert minify._js(source) == "/* planted */"
    changed = source.replace("Partnerships, comparison and history", "Partnerships and history")
    assert "Partnerships and history" in minify._js(changed)  # a changed script is minified again
    assert len(list(minify.cache_dir().iterdir())) == 2
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "")
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no home directory at all
    assert minify.cache_dir().is_absolute()
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))  # a cache that cannot be made only costs time
    assert minify._js(source + "\n// more\n") == minify._mangle(source)
