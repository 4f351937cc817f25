"""`make partner-diff BASE=origin/main`: what partners will see that they did not see at BASE.

    python -m macros.publish.partner_diff [--markdown] -- BASE

Builds the partner edition twice with the same command as `make public` (`macros.build.safe_build`, as the
checkout's Makefile names it),
each into a temporary folder: once from a temporary `git worktree` of BASE (with BASE's own build code,
removed afterwards) and once from the working tree as it is, uncommitted edits included. Then it
compares the two built sites as `built_site.py` reads them, never the sources, so it does not matter how
pages are chosen:

- pages (HTML files) by address and title: added, removed, retitled;
- other files by path and content hash: added, removed, changed (the build's own summaries of the
  pages, such as the search index and the sitemap, only when added or removed);
- passages: the text of each page that both have, heading section by heading section, sentence by
  sentence (the print page repeats every page, so it is left out).

The report is short and capped, for a reviewer to read in a minute; `--markdown` writes it for a
GitHub Actions run summary. BASE is an argument, checked with `git rev-parse --verify BASE^{commit}`
and never handed to a shell.
"""
from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from macros.publish.built_site import SUMMARIES, Site, read_site

CONFIG = "mkdocs-public.yml"
# How a checkout's Makefile builds the partner edition (`make public`): the module it runs on CONFIG.
PUBLIC = re.compile(r"^public:.*\n(?:\t.*\n)*?\t\$\(PY\) -m ([\w.]+) " + re.escape(CONFIG) + r"\s*$", re.MULTILINE)
PRINT_PAGE = "print_page/"  # mkdocs-print-site-plugin's page: every page again, in one
SHOWN = 10  # entries shown per list before "... and N more"
QUOTE = 70  # characters of a sentence shown


class DiffError(Exception):
    """Why no comparison could be made, in a reviewer's words."""


# -- Git: BASE checked, then checked out beside the project ------------------------------------------------------
def git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def resolve(root: Path, base: str) -> str:
    """The commit BASE names, as a full hash; a DiffError when it names none."""
    expected = "expected a commit: a branch, a tag or a hash such as origin/main or HEAD~1"
    if not base or base.startswith("-") or any(c.isspace() or not c.isprintable() for c in base):
        raise DiffError(f"BASE: {expected}, found {base!r}.")
    found = git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}"], root)
    if found.returncode != 0:
        hint = ""
        if git(["rev-parse", "--is-shallow-repository"], root).stdout.strip() == "true":
            hint = " This clone is shallow: fetch more history (git fetch --unshallow, or fetch-depth: 0 in a workflow)."
        raise DiffError(f"BASE: {expected}; {base!r} is not one in this repository.{hint}")
    return found.stdout.strip()


@dataclass
class Worktree:
    """A temporary `git worktree` of one commit, removed by `remove()`."""
    repo: Path
    path: Path

    def remove(self) -> None:
        git(["worktree", "remove", "--force", str(self.path)], self.repo)
        shutil.rmtree(self.path, ignore_errors=True)
        git(["worktree", "prune"], self.repo)


def checkout(root: Path, commit: str, dest: Path) -> tuple[Worktree, Path]:
    """BASE checked out at `dest`, and the project's folder inside it (the project may sit in a sub-folder)."""
    top = git(["rev-parse", "--show-toplevel"], root)
    if top.returncode != 0:
        raise DiffError(f"{root.name}: expected a git repository to compare with, found none ({top.stderr.strip()}).")
    prefix = git(["rev-parse", "--show-prefix"], root).stdout.strip()
    added = git(["worktree", "add", "--detach", "--quiet", str(dest), commit], root)
    if added.returncode != 0:
        raise DiffError(f"Could not check out {commit[:12]} in a temporary folder: {added.stderr.strip()}")
    return Worktree(Path(top.stdout.strip()), dest), dest / prefix


# -- Builds: the same command as `make public`, into a folder of our choosing ------------------------------------
def public_command(project: Path, label: str) -> str:
    """The module `make public` runs in `project` (`macros.build.safe_build` today; older commits had others)."""
    makefile = project / "Makefile"
    found = PUBLIC.search(makefile.read_text(encoding="utf-8")) if makefile.is_file() else None
    if not (project / CONFIG).is_file() or found is None:
        raise DiffError(f"{label} has no partner edition to compare with: expected {CONFIG} and a Makefile whose "
                        f"'public' target runs '$(PY) -m <module> {CONFIG}'.")
    return found.group(1)


def build(project: Path, out: Path, label: str) -> Path:
    """The partner edition of `project`, built by its own `make public` command into `out`."""
    module = public_command(project, label)
    wrapper = project / f".partner-diff-{os.getpid()}.yml"
    wrapper.write_text(f"INHERIT: {CONFIG}\nsite_dir: {json.dumps(str(out))}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PYTHONPATH")}  # both builds alike
    try:
        result = subprocess.run([sys.executable, "-m", module, wrapper.name], cwd=project,
                                env=env, capture_output=True, text=True)
    finally:
        wrapper.unlink(missing_ok=True)
    if result.returncode != 0 or not out.is_dir():
        raise DiffError(f"The partner edition of {label} does not build, so there is nothing to compare; "
                        f"what the build said:\n{result.stdout}{result.stderr}".rstrip())
    return out


# -- The comparison --------------------------------------------------------------------------------------------
@dataclass
class Passage:
    page: str
    heading: str
    added: list[str]
    removed: list[str]


@dataclass
class Report:
    pages_added: list[str] = field(default_factory=list)
    pages_removed: list[str] = field(default_factory=list)
    pages_retitled: list[str] = field(default_factory=list)
    files_added: list[str] = field(default_factory=list)
    files_removed: list[str] = field(default_factory=list)
    files_changed: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)


def changed_sentences(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """(sentences only `new` has, sentences only `old` has), in page order."""
    added, removed = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            removed += old[i1:i2]
        if op in ("replace", "insert"):
            added += new[j1:j2]
    return added, removed


def compare(before: Site, after: Site) -> Report:
    report = Report()
    named = lambda url, page: f"{page.title} ({url or '/'})"  # noqa: E731
    report.pages_added = [named(u, after.pages[u]) for u in sorted(after.pages.keys() - before.pages.keys())]
    report.pages_removed = [named(u, before.pages[u]) for u in sorted(before.pages.keys() - after.pages.keys())]
    report.files_added = sorted(after.files.keys() - before.files.keys())
    report.files_removed = sorted(before.files.keys() - after.files.keys())
    report.files_changed = sorted(f for f in after.files.keys() & before.files.keys()
                                  if after.files[f] != before.files[f] and f not in SUMMARIES)
    for url in sorted(after.pages.keys() & before.pages.keys()):
        old, new = before.pages[url], after.pages[url]
        if old.title != new.title:
            report.pages_retitled.append(f"{url or '/'}: {old.title} → {new.title}")
        if url == PRINT_PAGE:
            continue
        for heading in [*new.sections, *(h for h in old.sections if h not in new.sections)]:
            added, removed = changed_sentences(old.sections.get(heading, []), new.sections.get(heading, []))
            if added or removed:
                report.passages.append(Passage(url or "/", heading, added, removed))
    return report


# -- Words for a reviewer ------------------------------------------------------------------------------------------
def quote(sentence: str) -> str:
    if len(sentence) <= QUOTE:
        return f"'{sentence}'"
    return "'" + sentence[:QUOTE].rsplit(" ", 1)[0].rstrip(",;:") + "…'"


def passage_line(p: Passage) -> str:
    where = p.page + (f" § {p.heading}" if p.heading else " (opening)")
    parts = []
    for mark, sentences in (("+", p.added), ("−", p.removed)):
        if sentences:
            more = f" (and {len(sentences) - 2} more)" if len(sentences) > 2 else ""
            parts.append(f"{mark} " + ", ".join(quote(s) for s in sentences[:2]) + more)
    return f"{where}: " + " ".join(parts)


def render(report: Report, heading: str, markdown: bool = False) -> str:
    esc = markdown_escape if markdown else (lambda s: s)
    lines = [f"### {esc(heading)}" if markdown else heading, ""]
    groups = [("Pages added", report.pages_added), ("Pages removed", report.pages_removed),
              ("Pages retitled", report.pages_retitled), ("Files added", report.files_added),
              ("Files removed", report.files_removed), ("Files changed", report.files_changed)]
    pages = len({p.page for p in report.passages})
    passages = [passage_line(p) for p in report.passages]
    groups.append((f"Changed passages ({len(passages)} on {pages} page{'s' if pages != 1 else ''})", passages))
    empty = True
    for title, entries in groups:
        if not entries:
            continue
        empty = False
        head = title if title.startswith("Changed passages") else f"{title} ({len(entries)})"
        lines.append(f"**{head}**" if markdown else f"{head}:")
        lines += [f"- {esc(e)}" if markdown else f"  {e}" for e in entries[:SHOWN]]
        if len(entries) > SHOWN:
            lines.append(f"- … and {len(entries) - SHOWN} more" if markdown else f"  … and {len(entries) - SHOWN} more")
        lines.append("")
    if empty:
        lines.append("No change: partners see the same pages, files and text as at the base.")
    return "\n".join(lines).rstrip() + "\n"


def markdown_escape(text: str) -> str:
    """Text shown as itself in GitHub's Markdown: every mark that could format, link or open HTML escaped."""
    return re.sub(r"([\\`*_{}\[\]()<>#+|~!&-])", r"\\\1", text)


def partner_diff(root: Path, base: str, markdown: bool = False) -> str:
    """The report for the working tree at `root` against `base`; raises DiffError."""
    root = root.resolve()
    commit = resolve(root, base)
    work = Path(tempfile.mkdtemp(prefix="partner-diff-"))
    worktree = None
    try:
        worktree, project = checkout(root, commit, work / "base")
        before = read_site(build(project, work / "base-site", f"{base} ({commit[:12]})"))
        worktree.remove()
        worktree = None
        after = read_site(build(root, work / "now-site", "the working tree"))
    finally:
        if worktree is not None:
            worktree.remove()
        shutil.rmtree(work, ignore_errors=True)
    edited = git(["status", "--porcelain", "--", "."], root).stdout.strip()
    now = "the working tree" + (" (with uncommitted changes)" if edited else "")
    title = f"What partners will see: the partner edition of {now} against {base} ({commit[:12]})"
    return render(compare(before, after), title, markdown)


def main(argv: list[str]) -> int:
    args = list(argv)
    markdown = "--markdown" in args[: args.index("--") if "--" in args else len(args)]
    rest = args[args.index("--") + 1:] if "--" in args else [a for a in args if a != "--markdown"]
    if len(rest) != 1:
        print("usage: python -m macros.publish.partner_diff [--markdown] -- BASE", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(partner_diff(Path.cwd(), rest[0], markdown))
    except DiffError as problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
