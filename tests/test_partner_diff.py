"""`make partner-diff`: what partners will see, against an earlier commit (issue 20, item 7).

The main test makes a git repository from a copy of the project, commits, then changes a passage of a
public page, adds a public page with an image, removes a public page, commits again and runs the real
`make partner-diff` (two partner builds): the report must list exactly those changes.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zlib
import struct
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from macros.publish.built_site import read_site
from macros.publish.partner_diff import Passage, Report, compare, render

OLD = ("That confidence is worth far more\nthan any margin you could take from it, and it is lost the first time it is\n"
       "abused.")
NEW = "A single padded invoice undoes years of that confidence."
NEW_PAGE = """---
audience: public
---
# How to renew a partnership

Before the contract ends, meet the partner and decide together whether the reason for the
partnership still holds.

![Renewal timeline](../assets/renewal.png)
"""


def png() -> bytes:
    """A valid one-pixel PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
                            cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def make(repo: Path, *variables: str) -> subprocess.CompletedProcess[str]:
    """`make partner-diff` in `repo` with this Python and no setup step (the stamp is declared up to date)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "BASE")}
    return subprocess.run(["make", "-s", "partner-diff", f"PY={sys.executable}", "STAMP=.stamp", "-o", ".stamp",
                           *variables], cwd=repo, capture_output=True, text=True, env=env, timeout=600)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = copy_project(tmp_path / "playbook")
    for name in ("Makefile", "requirements.txt"):  # make reads both (the setup stamp is declared up to date)
        shutil.copy(ROOT / name, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def test_lists_exactly_the_pages_files_and_passages_that_changed(repo: Path) -> None:
    docs = repo / "docs"
    edit(docs / "principles" / "trust.md", OLD, NEW)
    (docs / "how-to" / "renew.md").write_text(NEW_PAGE, encoding="utf-8")
    (docs / "assets" / "renewal.png").write_bytes(png())
    edit(repo / "mkdocs.yml", "      - how-to/joint-review.md\n", "      - how-to/joint-review.md\n      - how-to/renew.md\n")
    (docs / "how-to" / "part-ways.md").unlink()
    edit(repo / "mkdocs.yml", "      - how-to/part-ways.md\n", "")
    edit(docs / "how-to" / "index.md", "- [How to part ways](part-ways.md)\n", "")
    edit(docs / "principles" / "relationship-life.md", "- [How to part ways](../how-to/part-ways.md).\n", "")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "renew instead of part ways")

    result = make(repo)  # BASE defaults to the commit before
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    head = git(repo, "rev-parse", "HEAD~1")[:12]
    assert out.splitlines()[0] == ("What partners will see: the partner edition of the working tree "
                                   f"against HEAD~1 ({head})"), out
    groups = {}
    for block in out.strip().split("\n\n")[1:]:
        title, *entries = block.splitlines()
        groups[title] = [e.strip() for e in entries]
    assert groups == {
        "Pages added (1):": ["How-to guides › How to renew a partnership (how-to/renew/)"],
        "Pages removed (1):": ["How-to guides › How to part ways (how-to/part-ways/)"],
        "Files added (1):": ["assets/renewal.png"],
        "Changed passages (3 on 3 pages):": [
            "how-to/ (opening): − 'How to part ways'",
            "principles/relationship-life/ § Where to go next: − 'How to part ways.'",
            f"principles/trust/ § Fair price: + '{NEW}' − 'That confidence is worth far more than any margin you "
            "could take from…'",
        ],
    }, out
    # The how-to shows this very report (all but the commit's hash).
    howto = (ROOT / "docs" / "how-to" / "publish-partner-edition.md").read_text(encoding="utf-8")
    example = next(block.split("```")[0] for block in howto.split("```text\n")[1:]
                   if block.startswith("What partners will see"))
    assert example.splitlines()[1:] == out.splitlines()[1:], example

    # The temporary checkout of the base is gone, and nothing was left in the project.
    assert git(repo, "worktree", "list").count("\n") == 1
    assert git(repo, "status", "--porcelain") == ""
    assert not (repo / "site-public").exists()


@pytest.mark.parametrize("base", ["$(shell touch pwned-make)", "x; touch pwned-shell", "$$(touch pwned-dollar)",
                                  "--output=pwned-option", "`touch pwned-tick`", "HEAD\"; touch pwned-quote; \""])
def test_base_is_one_argument_never_a_command(repo: Path, base: str) -> None:
    result = make(repo, f"BASE={base}")
    assert result.returncode != 0
    assert "BASE: expected a commit: a branch, a tag or a hash such as origin/main or HEAD~1" in result.stderr
    assert not list(repo.glob("pwned*")), result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_base_that_is_no_commit_is_named(repo: Path) -> None:
    result = make(repo, "BASE=origin/mian")
    assert result.returncode != 0
    message = result.stderr.splitlines()[0]
    assert message == ("BASE: expected a commit: a branch, a tag or a hash such as origin/main or HEAD~1; "
                       "'origin/mian' is not one in this repository."), result.stderr
    assert message in (ROOT / "docs" / "how-to" / "publish-partner-edition.md").read_text(encoding="utf-8")


def test_a_base_that_does_not_build_is_said_so_and_cleaned_up(repo: Path) -> None:
    """The commit before was broken; the working tree is fixed: no traceback, no comparison, no leftovers."""
    page = repo / "docs" / "principles" / "trust.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good.replace("(../how-to/partnership-review.md)", "(../how-to/no-such-page.md)"), encoding="utf-8")
    assert page.read_text(encoding="utf-8") != good
    git(repo, "commit", "-q", "-am", "broken link")
    page.write_text(good, encoding="utf-8")
    result = make(repo, "BASE=HEAD")
    assert result.returncode != 0 and result.stdout == ""
    head = git(repo, "rev-parse", "HEAD")[:12]
    assert result.stderr.startswith(f"The partner edition of HEAD ({head}) does not build, so there is nothing "
                                    "to compare; what the build said:\n"), result.stderr
    assert "no-such-page.md" in result.stderr and "Traceback" not in result.stderr
    assert git(repo, "worktree", "list").count("\n") == 1
    assert git(repo, "status", "--porcelain") == " M docs/principles/trust.md\n"


def built_page(label: str, body: str) -> str:
    """A page as Material builds it, reduced to what the reader looks at."""
    return (f"<html><head><title>{label} - Site</title></head><body><nav class='md-nav md-nav--primary'><ul>"
            "<li class='md-nav__item md-nav__item--active'><a><span class='md-ellipsis'>Guides</span></a>"
            "<nav class='md-nav'><ul><li class='md-nav__item'><a><span class='md-ellipsis'>Other</span></a></li>"
            f"<li class='md-nav__item md-nav__item--active'><a><span class='md-ellipsis'>{label}</span></a></li>"
            "</ul></nav></li></ul></nav><article class='md-content__inner md-typeset'>"
            f"<h1>{label}<a class='headerlink' href='#x'>¶</a></h1>{body}<script>var hidden = 1;</script></article>"
            "</body></html>")


def test_two_built_sites_compared(tmp_path: Path) -> None:
    """Without builds: titles from the navigation, sections by heading path, what is left out and why."""
    for side, title, price, js in (("old", "Pricing", "Prices stay fair. Margins are explained.", "a"),
                                   ("new", "Fair pricing", "Prices stay fair. Margins are shown.", "b")):
        root = tmp_path / side
        for path, text in {
            "guide/index.html": built_page(title, f"<p>Intro.</p><h2>Fair price</h2><h3>Signs</h3><p>{price}</p>"),
            "print_page/index.html": built_page("Print", f"<p>{side}</p>"),  # every page again: left out
            "search/search_index.json": side, "sitemap.xml": side, "_headers": side,  # follow from the pages
            "assets/app.js": js,
        }.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
    before, after = read_site(tmp_path / "old"), read_site(tmp_path / "new")
    assert after.pages["guide/"].title == "Guides › Fair pricing"
    assert after.pages["guide/"].sections == {"": ["Intro."], "Fair price › Signs": ["Prices stay fair.",
                                                                                      "Margins are shown."]}
    report = compare(before, after)
    assert report == Report(pages_retitled=["guide/: Guides › Pricing → Guides › Fair pricing"],
                            files_changed=["assets/app.js"],
                            passages=[Passage("guide/", "Fair price › Signs", ["Margins are shown."],
                                              ["Margins are explained."])])


def test_the_report_is_capped_and_long_sentences_are_cut() -> None:
    report = Report(files_added=[f"assets/file-{n:02}.png" for n in range(25)],
                    passages=[Passage("principles/trust/", "Fair price", ["word " * 40, "two", "three"], [])])
    text = render(report, "Heading")
    assert "Files added (25):\n" in text and "  assets/file-09.png\n  … and 15 more\n" in text
    assert "file-10" not in text
    assert "Changed passages (1 on 1 page):\n  principles/trust/ § Fair price: + '" + ("word " * 14).strip() + \
        "…', 'two' (and 1 more)" in text
    assert render(Report(), "Heading").endswith("No change: partners see the same pages, files and text as at the base.\n")


def test_the_run_summary_shows_page_text_as_text() -> None:
    report = Report(pages_added=["How-to › <img src=x onerror=alert(1)> [link](https://example.com) *bold*"])
    text = render(report, "What partners will see", markdown=True)
    assert text.startswith("### What partners will see\n\n**Pages added (1)**\n- ")
    assert "\\<img src=x onerror=alert\\(1\\)\\> \\[link\\]\\(https://example.com\\) \\*bold\\*" in text
