"""Never-publish terms: phrases that must never reach partners, read from `data/never-publish.yml`.

    terms:                      # phrases, matched in any letter case and across line breaks
      - internal only
      - do not share
      - not for partners
      - Project Bluebird         # a code name
    exceptions:                 # each needs a reason a reviewer can check
      - term: not for partners
        file: docs/reference/glossary.md
        reason: The glossary defines the phrase for partners; it marks nothing as secret.

The three defaults are searched even when the file leaves them out: deleting a
line never switches a safeguard off; an exception with its reason does, for
one file. This module holds the list, its validation and the matching; the
partner build, the PDF and the zip search their own outputs with it
(macros/build/term_scan.py).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from macros.content import source_text
from macros.content.errors import ChecklistErrors
from macros.content.loader import _Checker, _load_yaml, _Map, describe
from macros.content.yaml_text import problems as yaml_problems

FILE = "data/never-publish.yml"
DEFAULT_TERMS = ("internal only", "do not share", "not for partners")
FIELDS = {"terms": False, "exceptions": False}
EXCEPTION_FIELDS = {"term": True, "file": True, "reason": True}
MIN_LETTERS = 4  # a shorter phrase would match ordinary words
MIN_REASON_WORDS = 4
# Where a phrase in an output can come from: what authors and engineers write.
SOURCES = ("docs/**/*.md", "data/**/*.yml", "data/**/*.yaml", "overrides/**/*.html", "mkdocs*.yml")
_TAG = re.compile(r"<[^>]*>")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\[nrt]")
# Between two words of a phrase in Markdown or YAML: spaces, emphasis marks and inline tags.
_SOURCE_GAP = r"(?:[\s*_~`-]|<[^>]*>|&nbsp;|&#160;)+"


@dataclass(frozen=True)
class Allowed:
    term: str
    file: str
    reason: str


@dataclass(frozen=True)
class Terms:
    terms: tuple[str, ...]
    allowed: tuple[Allowed, ...] = ()

    def allows(self, term: str, file: str) -> bool:
        return any(a.term == term and a.file == file for a in self.allowed)


def normalize(text: str) -> str:
    """Lower case, every run of whitespace (non-breaking spaces included) as one space."""
    return " ".join(text.lower().split())


def readable(text: str) -> list[str]:
    """The ways a reader (or a search engine) can read `text`, normalized: as written, and without its tags.

    JSON and JavaScript escapes (`\\u00a0`) and HTML entities are undone first; tags are removed both
    with and without a space, so neither `internal <em>only</em>` nor `do not sh<b>are</b>` hides a phrase.
    """
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else " ", text) if "\\" in text else text
    views = [html.unescape(text)]
    if "<" in text:
        views += [html.unescape(_TAG.sub("", text)), html.unescape(_TAG.sub(" ", text))]
    return [normalize(view) for view in views]


def found_in(text: str, terms: tuple[str, ...]) -> list[str]:
    """The terms `text` contains, in any of its readings, or joined into an id, slug or file name
    (`internal-only`, `project_bluebird`): ids and anchors reach partners as surely as sentences do."""
    views, lowered = readable(text), text.lower()
    return [term for term in terms if any(term in view for view in views)
            or (" " in term and any(joiner.join(term.split()) in lowered for joiner in "-_"))]


def source_lines(root: Path, term: str) -> list[tuple[str, int]]:
    """(file, line) of every place in the project's sources that writes `term` (across line breaks and marks)."""
    pattern = re.compile(_SOURCE_GAP.join(re.escape(word) for word in term.split()), re.IGNORECASE)
    hits = []
    for glob in SOURCES:
        for path in sorted(root.glob(glob)):
            name = path.relative_to(root).as_posix()
            if name == FILE or not path.is_file():
                continue
            text, _ = source_text.read(path, name)
            for match in pattern.finditer(html.unescape(text or "")):
                hits.append((name, text.count("\n", 0, match.start()) + 1 if text else 1))
    return hits


def parse(text: str, source: str = FILE) -> Terms:
    """The terms file, validated like any author input. Raises ChecklistErrors naming every problem."""
    nbsp = [p for p in yaml_problems(text, source) if "non-breaking" in p.found]  # its comments may name terms
    if nbsp:
        raise ChecklistErrors(nbsp)
    data = _load_yaml(text, source)
    check = _Checker(source)
    if data is None:
        return Terms(DEFAULT_TERMS)
    if not check.mapping(data, "the never-publish list (terms, exceptions)", 1):
        raise ChecklistErrors(check.errors)
    assert isinstance(data, _Map)
    check.fields(data, FIELDS, "never-publish list")
    terms = list(DEFAULT_TERMS)
    raw_terms = data.get("terms") or []
    if not isinstance(raw_terms, list):
        check.fail("a list of phrases, one per line starting with '- '", describe(raw_terms),
                   line=data.key_lines.get("terms"), field="terms")
        raw_terms = []
    for index, term in enumerate(raw_terms):
        line = (data.key_lines.get("terms") or 0) + index + 1 if data.key_lines.get("terms") else None
        if not isinstance(term, str) or sum(c.isalnum() for c in term) < MIN_LETTERS:
            check.fail(f"a phrase of at least {MIN_LETTERS} letters or digits (a shorter one would match "
                       "ordinary words)", describe(term), line=line, field="terms")
            continue
        if normalize(term) not in terms:
            terms.append(normalize(term))
    allowed = []
    raw = data.get("exceptions") or []
    if not isinstance(raw, list):
        check.fail("a list of exceptions, each with term, file and reason", describe(raw),
                   line=data.key_lines.get("exceptions"), field="exceptions")
        raw = []
    for entry in raw:
        if not check.mapping(entry, "an exception (term, file, reason)", data.key_lines.get("exceptions")):
            continue
        if not check.fields(entry, EXCEPTION_FIELDS, "exception"):
            continue
        term, file, reason = (check.text(entry, key) for key in ("term", "file", "reason"))
        if term and normalize(term) not in terms:
            check.fail(f"one of the terms ({', '.join(terms)})", f"'{term}'",
                       line=entry.key_lines.get("term"), field="term")
        if reason and len(reason.split()) < MIN_REASON_WORDS:
            check.fail(f"a reason of at least {MIN_REASON_WORDS} words that a reviewer can check",
                       f"'{reason}'", line=entry.key_lines.get("reason"), field="reason")
        if term and file and reason:
            allowed.append(Allowed(normalize(term), file.strip().removeprefix("./"), reason))
    if check.errors:
        raise ChecklistErrors(check.errors)
    return Terms(tuple(terms), tuple(allowed))


def load(root: Path) -> Terms:
    """`data/never-publish.yml` of the project at `root`, or the defaults when there is none."""
    path = root / FILE
    if not path.exists():
        return Terms(DEFAULT_TERMS)
    text, problem = source_text.read(path, FILE)
    if text is None:
        raise ChecklistErrors([problem])  # type: ignore[list-item]
    return parse(text)
