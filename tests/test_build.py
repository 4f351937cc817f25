"""Strict builds: the real site builds; a bad checklist stops the build with a readable report."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project

from macros.build.join import JOINED


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

    css = (site.root / "assets/stylesheets/playbook.css").read_text()
    assert len(css) < 0.8 * len((ROOT / "overrides/assets/stylesheets/playbook.css").read_text()) and "/*" not in css
    shipped = (site.root / "assets" / "javascripts" / "playbook.js").read_text()
    sources = sum(len((ROOT / "overrides" / part).read_text()) for part in JOINED["assets/javascripts/playbook.js"])
    assert len(shipped) < 0.8 * sources and "/*" not in shipped
    # Running it again (as a rebuild does) changes nothing; other sites' files are left alone.
    again = minify_assets(site.root, ["assets/javascripts/playbook.js", "https://example.org/x.js"], [])
    # Every joined file is minified too: compare.js (on demand) and the portfolio page's rollup.js.
    assert list(again) == ["assets/javascripts/playbook.js", "assets/javascripts/compare.js", "assets/javascripts/rollup.js"]
    for before, after in again.values():
        assert before == after
    for name in ("compare.js", "rollup.js"):
        shipped = (site.root / "assets" / "javascripts" / name).read_text()
        sources = sum(len((ROOT / "overrides" / part).read_text()) for part in JOINED["assets/javascripts/" + name])
        assert len(shipped) < 0.8 * sources and "/*" not in shipped, name


def test_each_shipped_script_is_its_parts_joined_in_order_once(site) -> None:
    """The store, the kit's parts, the checklist component's parts and the comparison's bar and panel ship inside
    playbook.js, in the order JOINED lists them, each once, and none as a file of its own (issue 24: one request per
    page); the panel's contents (comparison and history) ship apart in compare.js, loaded when the panel first opens
    (issues 21 and 24: the first load within 16 KB), and never in playbook.js."""
    scripts = site.root / "assets" / "javascripts"
    shipped, later = (scripts / "playbook.js").read_text(), (scripts / "compare.js").read_text()
    marks = ["window.pbStore={", "window.pbKit=window.pbKit||{}", 'part("checklist","results"', 'part("checklist","toolbar"',
             ".started=true", 'part("compare","partnerships"', '"data-pb-compare"']
    found = [shipped.find(mark) for mark in marks]
    assert -1 not in found and found == sorted(found), dict(zip(marks, found))
    assert all(shipped.count(mark) == 1 for mark in marks)
    on_demand = ['part("comparison","sides"', 'part("comparison","history"', ".comparisonLoaded=true"]
    found = [later.find(mark) for mark in on_demand]
    assert -1 not in found and found == sorted(found), dict(zip(on_demand, found))
    assert all(later.count(mark) == 1 and mark not in shipped for mark in on_demand)
    assert "Compare with someone else's answers" in later and "Compare with someone else's answers" not in shipped
    # The portfolio page's roll-up: its parts in rollup.js (still one request), in order, the mount last.
    rollup = (scripts / "rollup.js").read_text()
    parts = ['part("rollup","model"', 'part("rollup","tools"', 'part("rollup","grid"', 'part("rollup","people"',
             'part("rollup","files"', "window.pbRollup={"]
    found = [rollup.find(mark) for mark in parts]
    assert -1 not in found and found == sorted(found), dict(zip(parts, found))
    assert all(rollup.count(mark) == 1 and mark not in shipped for mark in parts)
    for target, parts in JOINED.items():
        for part in parts:
            assert part == target or not (site.root / part).exists(), part
    assert not (scripts / "kit").exists() and not (scripts / "compare").exists() and not (scripts / "rollup").exists()


def test_every_script_in_overrides_is_shipped_once(site) -> None:
    """A script added to overrides/ but named nowhere would be copied and never run: each is joined (JOINED), loaded
    by every page (extra_javascript) or by its own pages (SCRIPTS of the portfolio, onboarding and step pages)."""
    from macros.render.onboarding import SCRIPTS as PATH_SCRIPTS
    from macros.render.portfolio import SCRIPTS
    from macros.render.steps import SCRIPTS as STEP_SCRIPTS

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs.yml's !ENV and python tags
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    named = [part for parts in JOINED.values() for part in parts] + config["extra_javascript"] + [*SCRIPTS, *PATH_SCRIPTS,
                                                                                       *STEP_SCRIPTS]
    scripts = ROOT / "overrides"
    sources = sorted(str(p.relative_to(scripts)) for p in (scripts / "assets" / "javascripts").rglob("*.js")
                     if "vendor" not in p.parts)
    assert sorted(set(named)) == sources
    # Named once each, but playbook.js and rollup.js twice: shipped (to every page; by the portfolio page's SCRIPTS)
    # and as their own last part (compare.js, on demand, is loaded by the comparison panel, so JOINED alone names it).
    assert sorted(n for n in set(named) if named.count(n) > 1) == ["assets/javascripts/playbook.js",
                                                                   "assets/javascripts/rollup.js"]
    assert all(target in parts for target, parts in JOINED.items())


def test_a_part_missing_stops_the_join_naming_it(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from macros.build.join import join_scripts

    for part in {part for parts in JOINED.values() for part in parts}:
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / part).write_text(f"// {part}\n", encoding="utf-8")
    (tmp_path / "assets/javascripts/kit/menu.js").unlink()
    (tmp_path / "assets/javascripts/compare/history.js").unlink()
    with pytest.raises(PluginError) as stopped:
        join_scripts(tmp_path)
    assert "the site has no assets/javascripts/kit/menu.js: expected each in overrides/" in str(stopped.value)
    assert "compare.js is joined from 3 scripts (JOINED in macros/build/join.py), but the site has no " \
        "assets/javascripts/compare/history.js" in str(stopped.value)
    assert (tmp_path / "assets/javascripts/kit/core.js").is_file()  # nothing joined while a part is missing
    (tmp_path / "assets/javascripts/kit/menu.js").write_text("// menu\n", encoding="utf-8")
    (tmp_path / "assets/javascripts/compare/history.js").write_text("// compare/history.js\n", encoding="utf-8")
    assert join_scripts(tmp_path) == ["assets/javascripts/playbook.js", "assets/javascripts/compare.js",
                                      "assets/javascripts/rollup.js"]
    text = (tmp_path / "assets/javascripts/playbook.js").read_text()
    assert text.index("store.js") < text.index("menu") < text.index("// assets/javascripts/playbook.js") < text.index("panel.js")
    later = (tmp_path / "assets/javascripts/compare.js").read_text()
    assert later.index("sides.js") < later.index("history.js") < later.index("// assets/javascripts/compare.js")
    assert "sides.js" not in text and "panel.js" not in later
    rollup = (tmp_path / "assets/javascripts/rollup.js").read_text()
    assert rollup.index("rollup/model.js") < rollup.index("rollup/people.js") < rollup.index("// assets/javascripts/rollup.js")
    assert join_scripts(tmp_path) == []  # joined already: left as it is


def test_minified_scripts_come_from_the_cache_only_when_the_script_is_unchanged(tmp_path, monkeypatch) -> None:
    from macros.build import minify

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = (ROOT / "overrides" / "assets" / "javascripts" / "compare" / "panel.js").read_text()
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
