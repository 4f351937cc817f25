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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from macros.content import attachments, front_matter, source_text
from macros.content.attachments import ZIPPED_DOCUMENTS, is_picture_or_font
from macros.content.audience import page_audience
from macros.content.blocks import strip_internal
from macros.content.errors import ChecklistErrors
from macros.content.loader import _Checker, _load_yaml, _Map, describe
from macros.content.markup import strip_comments
from macros.content.yaml_text import problems as yaml_problems

FILE = "data/never-publish.yml"
DEFAULT_TERMS = ("internal only", "do not share", "not for partners")
FIELDS = {"terms": False, "exceptions": False}
EXCEPTION_FIELDS = {"term": True, "file": True, "reason": True}
MIN_LETTERS = 4  # a shorter phrase would match ordinary words
MIN_REASON_WORDS = 4
# Where a phrase in an output can come from: what authors and engineers write.
# Every file authors and engineers write that a partner build reads: pages and their attachments, data,
# templates, scripts and stylesheets (`Sources` decides which of them can reach partners).
SOURCES = ("docs/**/*", "data/**/*.yml", "data/**/*.yaml", "overrides/**/*", "mkdocs*.yml")
DOCUMENTS = (".pdf", *ZIPPED_DOCUMENTS)  # read whole: a phrase in them has no line
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


@dataclass(frozen=True)
class Source:
    """A place in the project's sources that writes a phrase: file, line (None in a PDF or an Office file),
    and whether it can reach the partner edition at all (a public page outside internal passages and comments,
    a public checklist's text, a shipped template, script or stylesheet, an attachment a public page names)."""
    file: str
    line: int | None
    reaches_partners: bool

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"

    @property
    def is_attachment(self) -> bool:
        """A file in docs/ that is not a page: copied to the partner edition as it is, if at all."""
        return self.file.startswith("docs/") and not self.file.endswith(".md")


class Sources:
    """The project's sources at `root`, read once for all the phrases of one scan (only when one is found)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, tuple[str, bool]] | None = None  # file -> (text, can reach partners)

    def texts(self) -> dict[str, tuple[str, bool]]:
        if self._texts is None:
            self._texts = {}
            public_pages: list[str] = []
            for glob in SOURCES:
                for path in sorted(self.root.glob(glob)):
                    name = path.relative_to(self.root).as_posix()
                    if name == FILE or name in self._texts or not path.is_file() or "/." in f"/{name}" \
                            or is_picture_or_font(name):
                        continue
                    if name.endswith(".md"):
                        text, _ = source_text.read(path, name)
                        if text is None:
                            continue
                        read = front_matter.read(text, name)
                        public = page_audience(read.meta) == "public"
                        self._texts[name] = (text, public)
                        if public:
                            public_pages.append(text)
                        continue
                    try:
                        text = attachments.text_of(name, path.read_bytes())
                    except (attachments.Unreadable, OSError):
                        continue  # the partner build names it on its own, if it ships
                    if text is None:
                        continue
                    if name.startswith("docs/"):
                        self._texts[name] = (text, False)  # decided below: only if a public page names it
                    else:
                        self._texts[name] = (text, _shipped(name))
            public_pages += [text for name, (text, _) in self._texts.items() if name.startswith("mkdocs")]
            for name, (text, _) in list(self._texts.items()):
                if name.startswith("docs/") and not name.endswith(".md"):
                    base = name.rsplit("/", 1)[-1]
                    named = any(base in page or quote(base) in page for page in public_pages)
                    self._texts[name] = (text, named)
        return self._texts

    def _internal_page(self, page: str) -> bool:
        """Whether an onboarding step's `page:` is one partners do not get (the step drops out with it)."""
        return not self.texts().get(f"docs/{page.split('#')[0]}", ("", False))[1]

    def lines(self, term: str) -> list[Source]:
        """Every place in the sources that writes `term` (across line breaks and marks), in file order."""
        pattern = re.compile(_SOURCE_GAP.join(re.escape(word) for word in term.split()), re.IGNORECASE)
        found = []
        for name, (text, reaches) in self.texts().items():
            if name.lower().endswith(DOCUMENTS):  # no lines: the document as a whole
                if found_in(text, (term,)):
                    found.append(Source(name, None, reaches))
                continue
            unescaped = html.unescape(text)
            matches = list(pattern.finditer(unescaped))
            if not matches:
                continue
            internal = _internal_template_lines(unescaped) if name.endswith((".html", ".md")) else set()
            if name.endswith(".md") and reaches:  # a public page: in what partners get of it?
                lines = unescaped.splitlines(keepends=True)
                kept = "".join("\n" if number in internal else line for number, line in enumerate(lines, 1))
                shown = strip_internal(strip_comments(front_matter.read(kept, name).body))
                reaches = bool(pattern.search(shown))
            elif name.endswith((".yml", ".yaml")):
                internal = _internal_yaml_lines(unescaped, self._internal_page if name.startswith("data/onboarding/")
                                                else None)
            for match in matches:
                line = unescaped.count("\n", 0, match.start()) + 1
                found.append(Source(name, line, reaches and line not in internal))
        return found


def _shipped(name: str) -> bool:
    """Whether a source outside docs/ can reach the partner edition (data and onboarding files are decided by
    line, `_internal_yaml_lines`). From overrides/, templates and the shipped assets only (build/manifest.py)."""
    if name.startswith("overrides/"):
        return name.endswith(".html") or name.startswith(("overrides/assets/javascripts/",
                                                          "overrides/assets/stylesheets/"))
    return True


_AUDIENCE_INTERNAL = re.compile(r"""^([ \t]*)(-[ \t]+)?audience[ \t]*:[ \t]*["']?internal["']?[ \t]*(?:#.*)?$""")


_PAGE = re.compile(r"""^([ \t]*)(-[ \t]+)?page[ \t]*:[ \t]*["']?([^"'#\s]+)""")


def _internal_yaml_lines(text: str, internal_page: Callable[[str], bool] | None = None) -> set[int]:
    """Lines (from 1) of a YAML file inside a block that says `audience: internal`: the whole file when a
    top-level key says it, otherwise the list entry (item, section, module, step) that holds the key; with
    `internal_page`, also an onboarding step whose `page:` partners do not get."""
    lines = text.splitlines()
    internal: set[int] = set()

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    for index, line in enumerate(lines):
        said = _AUDIENCE_INTERNAL.match(line)
        if not said and internal_page is not None:
            page = _PAGE.match(line)
            said = page if page and internal_page(page.group(3)) else None
        if not said:
            continue
        if said.group(2):  # `- audience: internal`: the entry starts here
            start, column = index, len(said.group(1))
        else:
            key_column = len(said.group(1))
            if key_column == 0:
                return set(range(1, len(lines) + 1))
            start = next((j for j in range(index, -1, -1) if lines[j].lstrip().startswith("- ")
                          and indent(lines[j]) + 2 == key_column), None)
            if start is None:
                continue
            column = indent(lines[start])
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#")
                                    or indent(lines[end]) > column):
            end += 1
        internal.update(range(start + 1, end + 1))
    return internal


_JINJA = re.compile(r"\{%-?\s*(if|elif|else|endif)\b(.*?)-?%\}", re.DOTALL)
_PARTNERS_ONLY = re.compile(r"""^\s*(?:partner_edition|config\.extra\.edition\s*==\s*["']public["'])\s*$""")
_COLLEAGUES_ONLY = re.compile(r"""^\s*(?:not\s+partner_edition|config\.extra\.edition\s*(?:!=\s*["']public["']"""
                              r"""|==\s*["']internal["']))\s*$""")


def _internal_template_lines(text: str) -> set[int]:
    """Lines (from 1) of a template or page inside a Jinja branch only the internal edition renders
    (`{% if not partner_edition %}`, `{% if config.extra.edition != "public" %}`, or the `else` of the opposite)."""
    if "{%" not in text:
        return set()
    internal: set[int] = set()
    stack: list[list[object]] = []  # [is this branch internal-only, where it started, its if's condition]
    for match in _JINJA.finditer(text):
        tag, condition = match.group(1), match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        if tag == "if":
            stack.append([bool(_COLLEAGUES_ONLY.match(condition)), line, condition])
            continue
        if not stack:
            continue
        hidden, start, first = stack[-1]
        if hidden:
            internal.update(range(int(start), line + 1))  # type: ignore[call-overload]
        if tag == "endif":
            stack.pop()
        else:  # else: the opposite of the if; elif: not known, so shown
            stack[-1] = [tag == "else" and bool(_PARTNERS_ONLY.match(str(first))), line, first]
    return internal


def source_lines(root: Path, term: str) -> list[tuple[str, int | None]]:
    """(file, line) of every place in the project's sources that writes `term`, whether it reaches partners or not."""
    return [(source.file, source.line) for source in Sources(root).lines(term)]


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
