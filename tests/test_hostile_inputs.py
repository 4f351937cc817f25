"""Hostile build inputs stop the build within 5 s and 300 MB, with one line naming the file (issue 21 item 6).

Each case runs `python -m macros.build.safe_build` in a child process, as
`make build` does, under a 2 GB address-space cap (so that a regression fails
here instead of filling the machine) and a 60 s timeout, and reads the CPU
time and peak memory of the build and its MkDocs child from `wait4`. The 5 s
budget is counted in CPU seconds, which other work on a shared machine does
not inflate; each case also prints its wall time.
"""
from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import copy_project

SECONDS = 5.0
MEGABYTES = 300
CAP = 2 * 1024 ** 3  # bytes of address space a runaway build may take before the kernel stops it

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
DEEP = "[" * 50_000 + "]" * 50_000
CHECKLIST_HEAD = ("id: hostile\ntitle: Hostile\nversion: 1\nsummary: A test.\n"
                  "bands:\n  - {min: 0, max: 100, label: All, advice: Fine.}\nsections:\n  - id: s\n    title: S\n"
                  "    items:\n")


@dataclass
class Outcome:
    returncode: int
    stderr: str
    seconds: float  # wall-clock time
    cpu: float  # CPU seconds of the build and its children (what the budget counts on a shared machine)
    megabytes: float


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
    os.setsid()


def bounded_build(project: Path, config: str = "mkdocs.yml", **env: str) -> Outcome:
    """Run one build; its wall time, and the peak resident memory of it and its children."""
    start = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "macros.build.safe_build", config], cwd=project,
                               env={**os.environ, "PYTHONPATH": str(project), **env}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, preexec_fn=_cap_memory)
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    timer = threading.Timer(60, lambda: os.killpg(process.pid, signal.SIGKILL))
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    seconds = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    return Outcome(process.returncode, "".join(stderr), seconds, usage.ru_utime + usage.ru_stime,
                   usage.ru_maxrss / 1024)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield copy_project(tmp_path_factory.mktemp("hostile"))


def stops_within_budget(project: Path, name: str, content: str | bytes, expected: str, **env: str) -> Outcome:
    """Plant `content` at `name`, build, and check it stopped on time, in memory, with one plain message."""
    path = project / name
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    try:
        outcome = bounded_build(project, **env)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
    print(f"{name}: stopped in {outcome.seconds:.2f} s ({outcome.cpu:.2f} s CPU), peak {outcome.megabytes:.0f} MB")
    assert outcome.returncode not in (0, -signal.SIGKILL, -signal.SIGSEGV, 139), outcome
    assert "Traceback" not in outcome.stderr and "MemoryError" not in outcome.stderr, outcome.stderr[-3000:]
    assert expected in outcome.stderr, outcome.stderr[-3000:]
    assert len(outcome.stderr) < 4000, f"a message of {len(outcome.stderr):,} characters"
    assert outcome.cpu < SECONDS, f"{name}: {outcome.cpu:.1f} s of CPU"
    assert outcome.megabytes < MEGABYTES, f"{name}: {outcome.megabytes:.0f} MB"
    return outcome


def test_an_alias_bomb_in_a_checklist(project: Path) -> None:
    stops_within_budget(project, "data/checklists/bomb.yml", BOMB + "id: bomb\ntitle: *i\n",
                        "data/checklists/bomb.yml:6: expected at most 100,000 values")


def test_an_alias_bomb_in_a_page_front_matter(project: Path) -> None:
    stops_within_budget(project, "docs/bomb.md", f"---\n{BOMB}title: Bomb\ntags: *i\n---\n\n# Bomb\n",
                        "docs/bomb.md:7: expected at most 100,000 values")


def test_deep_nesting_in_a_checklist_an_onboarding_path_and_a_page(project: Path) -> None:
    stops_within_budget(project, "data/checklists/deep.yml", f"id: {DEEP}\n",
                        "data/checklists/deep.yml:1: expected lists and mappings nested at most 20 deep")
    stops_within_budget(project, "data/onboarding/deep.yml", "- " * 50_000 + "x\n",
                        "data/onboarding/deep.yml:1: expected lists and mappings nested at most 20 deep")
    stops_within_budget(project, "docs/deep.md", f"---\ntags: {DEEP}\n---\n\n# Deep\n",
                        "docs/deep.md:2: expected lists and mappings nested at most 20 deep")


def test_an_alias_bomb_and_deep_nesting_in_mkdocs_yml(project: Path) -> None:
    config = (project / "mkdocs.yml").read_text()
    outcome = stops_within_budget(project, "mkdocs.yml", config + BOMB, "expected at most 100,000 values")
    assert outcome.stderr.startswith("Build failed: mkdocs.yml:")
    stops_within_budget(project, "mkdocs.yml", config + f"extra_deep: {DEEP}\n",
                        "nested at most 20 deep")


def test_a_50000_item_checklist_and_a_5000_item_one(project: Path) -> None:
    items = "".join(f"      - {{id: i{n}, text: Item {n}., guidance: principles/trust.md#fair-price}}\n"
                    for n in range(50_000))
    stops_within_budget(project, "data/checklists/huge.yml", CHECKLIST_HEAD + items,
                        "data/checklists/huge.yml: expected a file under 2 MB")
    stops_within_budget(project, "data/checklists/huge.yml", CHECKLIST_HEAD + "".join(items.splitlines(True)[:5000]),
                        "field 'sections': expected at most 200 items in one checklist")


def test_a_huge_single_value_is_quoted_short(project: Path) -> None:
    outcome = stops_within_budget(project, "data/checklists/long.yml",
                                  "id: long\ntitle: Fit: " + "x" * 900_000 + "\n",
                                  "data/checklists/long.yml:2: expected valid YAML")
    assert "more characters)" in outcome.stderr
    stops_within_budget(project, "data/checklists/long.yml", CHECKLIST_HEAD.replace("Hostile", "y" * 900_000)
                        + "      - {id: a, text: A, guidance: principles/trust.md#fair-price}\n",
                        "field 'title': expected a text of at most 1,000 characters")


def test_binary_garbage_in_a_checklist(project: Path) -> None:
    noise = random.Random(21).randbytes(200_000)
    outcome = stops_within_budget(project, "data/checklists/noise.yml", noise, "expected a file saved as UTF-8")
    assert "data/checklists/noise.yml: expected a file saved as UTF-8, found a file saved in another encoding" \
        in outcome.stderr
    stops_within_budget(project, "data/onboarding/noise.yml", b"id: noise\n" + noise,
                        "data/onboarding/noise.yml: expected a file saved as UTF-8, found a file saved in another "
                        "encoding (probably Latin-1 or Windows-1252; the first character UTF-8 cannot read is on line 2)")
    text = "".join(chr(c) for c in random.Random(21).choices(range(1, 0x3000), k=200_000))
    stops_within_budget(project, "data/checklists/noise.yml", text, "data/checklists/noise.yml")


def test_site_url_with_markup_stops_before_building(project: Path) -> None:
    outcome = stops_within_budget(project, "docs/.unused", "", "SITE_URL: expected",
                                  SITE_URL='https://partners.example.com/"><script>alert(1)</script>')
    assert outcome.returncode == 2


def test_deeply_nested_markdown_and_a_huge_page(project: Path) -> None:
    lists = "# Lists\n\n" + "".join("    " * level + "- x\n" for level in range(500))
    stops_within_budget(project, "docs/lists.md", lists,
                        "docs/lists.md:24: expected lists, quotes and indented text nested at most 20 levels deep")
    quotes = "# Quotes\n\n" + "> " * 50_000 + "x\n"
    stops_within_budget(project, "docs/quotes.md", quotes, "docs/quotes.md:3: expected lists, quotes")
    unclosed = "# Code\n\n```\n" + "".join("    " * level + "- x\n" for level in range(500))  # not a fence
    stops_within_budget(project, "docs/code.md", unclosed, "docs/code.md:25: expected lists, quotes")
    stops_within_budget(project, "docs/huge.md", "# Huge\n\n" + "Words and more words.\n" * 100_000,
                        "docs/huge.md: expected a page of at most 2,000,000 characters")
    stops_within_budget(project, "docs/huge.md", "# Huge\n\n" + "Words and more words.\n" * 2_000_000,
                        "docs/huge.md: expected a page of at most 2,000,000 characters")  # 44 MB: never read


def test_deep_indentation_inside_closed_code_fences_is_fine() -> None:
    from macros.content.page_bounds import problems
    code = "# Code\n\n```json\n" + "".join(" " * (8 * level) + "{\n" for level in range(30)) + "```\n"
    assert problems(code, "docs/code.md") == []
    assert problems(code.replace("```json", "~~~"), "docs/code.md")  # closed by ``` it is not: Markdown reads on


def test_an_onboarding_path_of_5000_steps(project: Path) -> None:
    steps = "".join(f"      - {{id: s{n}, title: Step {n}, page: index.md, outcome: Done.}}\n" for n in range(5_000))
    path = "id: long\ntitle: Long\nsummary: Long.\nmodules:\n  - id: m\n    title: M\n    steps:\n" + steps
    stops_within_budget(project, "data/onboarding/long.yml", path,
                        "data/onboarding/long.yml:4: programme 'long', field 'modules': expected at most 200 steps in one onboarding programme")


def test_binary_garbage_in_a_page(project: Path) -> None:
    noise = b"# Noise\n\nFine so far.\n" + random.Random(21).randbytes(100_000)
    stops_within_budget(project, "docs/noise.md", noise, "docs/noise.md: expected a file saved as UTF-8, found a file "
                        "saved in another encoding (probably Latin-1 or Windows-1252; the first character UTF-8 "
                        "cannot read is on line 4)")


def test_a_file_with_hundreds_of_mistakes_lists_twenty_and_counts_the_rest() -> None:
    from macros.content.errors import MAX_PER_FILE, ChecklistErrors
    from macros.content.loader import parse_checklist
    items = "".join(f"      - {{id: i{n}, text: '{'x' * 5_000}', guidance: principles/trust.md#fair-price, weight: -1}}\n"
                    for n in range(150))
    with pytest.raises(ChecklistErrors) as caught:
        parse_checklist(CHECKLIST_HEAD + items, "data/checklists/many.yml")
    report = str(caught.value)
    assert len(caught.value.errors) == 300  # every problem is kept for tools; the report is short
    assert report.count("\n  - data/checklists/many.yml:") == MAX_PER_FILE + 1
    assert report.endswith("data/checklists/many.yml: and 280 more problems in this file (fix the ones above first)")
    assert len(report) < 6_000, len(report)


def test_a_file_past_the_yaml_bounds_is_never_scanned_for_comments(tmp_path: Path, monkeypatch) -> None:
    """The scan for comments that hide something reads every token, which took 4.4 s of CPU over 50,000 brackets
    under a comment: a file past the bounds is reported at once, with the message the parse gives, and the
    parse after `read_data_file` does not check the bounds a second time."""
    from macros.content import loader, yaml_text
    from macros.content.errors import ChecklistErrors

    def scanned(*args: object) -> list:
        raise AssertionError("the comment scan read a file past the YAML bounds")

    monkeypatch.setattr(yaml_text, "problems", scanned)
    deep = tmp_path / "deep.yml"
    deep.write_text(f"# A note for authors\nid: {DEEP}\n", encoding="utf-8")
    with pytest.raises(ChecklistErrors) as caught:
        loader.read_data_file(deep, "data/checklists/deep.yml")
    with pytest.raises(ChecklistErrors) as parsed:  # what the parse says of the same text
        loader.parse_checklist(deep.read_text(encoding="utf-8"), "data/checklists/deep.yml")
    assert str(caught.value) == str(parsed.value)
    assert "data/checklists/deep.yml:2: expected lists and mappings nested at most 20 deep" in str(caught.value)
    fine = tmp_path / "fine.yml"
    fine.write_text("# A note for authors\nid: fine\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="comment scan"):  # within the bounds, the scan runs
        loader.read_data_file(fine, "data/checklists/fine.yml")
