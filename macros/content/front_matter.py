"""A page's front matter, read exactly as MkDocs reads it, and checked so that no typo publishes a page.

MkDocs reads a leading `---` YAML block, or MultiMarkdown-style `key: value`
lines at the very top, and silently ignores front matter it cannot parse.
`audience: internal` is what keeps a page out of the partner edition, so a
misspelt key or value, a block that does not parse or a block left open must
stop the build instead of publishing the page.
"""
from __future__ import annotations

import difflib
import re
from typing import NamedTuple

import yaml
from mkdocs.utils.meta import YAML_RE, get_data

from macros.content import safe_yaml, yaml_text
from macros.content.errors import ChecklistError
from macros.content.model import AUDIENCES
from macros.content.yaml_help import explain

# Every key a page's front matter may hold, by who reads it: the one list (docs/reference/checklist-format.md
# and the how-to on publishing quote it). Anything else, `draft` included, stops the build: MkDocs would
# silently ignore it, and an author who wrote `draft: true` or `private: yes` believes the page is hidden.
KEYS_BY_READER: dict[str, tuple[str, ...]] = {
    "MkDocs": ("title", "template"),
    "Material for MkDocs": ("description", "icon", "status", "subtitle", "hide", "search"),
    "mkdocs-macros": ("render_macros", "ignore_macros"),
    "this playbook": ("audience",),
}
# What Material reads inside two of them.
HIDE_VALUES = ("navigation", "toc", "footer", "feedback", "path")
SEARCH_KEYS = ("boost", "exclude")
KNOWN_KEYS = tuple(key for keys in KEYS_BY_READER.values() for key in keys)
KNOWN_LIST = "; ".join(f"{reader}: {', '.join(keys)}" for reader, keys in KEYS_BY_READER.items())
# Keys an author may believe hide or show a page; the hint then names the `audience` line that does.
HIDING_WORDS = ("draft", "private", "hidden", "hide_page", "internal", "confidential", "secret", "unlisted")
SHOWING_WORDS = ("public", "published", "publish", "visibility", "partner", "partners", "share", "shared")
_TOP_KEY = re.compile(r"^([^\s#:][^:]*?)\s*:(?:\s|$)")


class FrontMatter(NamedTuple):
    meta: dict[str, object]
    body: str
    body_line: int  # the file line the body starts on
    problems: list[ChecklistError]


def _key_lines(block: list[str], first_line: int) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {}
    for offset, line in enumerate(block):
        match = _TOP_KEY.match(line)
        if match:
            lines.setdefault(match.group(1).strip().strip("\"'"), []).append(first_line + offset)
    return lines


def _says_internal(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "internal"
    if isinstance(value, list):
        return any(_says_internal(v) for v in value)
    return False


def _body_line(text: str, body: str) -> int:
    """The file line `body` starts on (it is the end of `text`)."""
    return text[: len(text) - len(body)].count("\n") + 1 if text.endswith(body) else 1


def read(text: str, source: str) -> FrontMatter:
    """The page's metadata and body as MkDocs sees them, with every problem in its front matter."""
    problems: list[ChecklistError] = []
    lines = text.splitlines()
    yaml_block = bool(lines) and re.match(r"^-{3}[ \t]*$", lines[0]) is not None
    body, meta = (text, {}) if yaml_block else get_data(text)  # a YAML block is parsed once, below, as get_data would
    body_line = _body_line(text, body)

    def fail(expected: str, found: str, line: int | None, field: str | None = None) -> None:
        problems.append(ChecklistError(source, expected, found, line=line, field=field))

    block_start = 2
    if yaml_block:
        match = YAML_RE.match(text)
        if match is None:
            fail("front matter closed by a line of three dashes (---)",
                 "a block opened on line 1 that is never closed, so MkDocs reads none of it", 1)
            return FrontMatter({}, body, body_line, problems)
        block = match.group(1)
        try:
            parsed = safe_yaml.parse(block)
        except safe_yaml.YamlLimit as limit:
            fail(limit.expected, limit.found, None if limit.line is None else limit.line + 1)
            return FrontMatter({}, body, body_line, problems)
        except yaml.MarkedYAMLError as error:
            line, found = explain(error, block)
            fail("valid YAML front matter (MkDocs would ignore all of it)", found,
                 None if line is None else line + 1)
            return FrontMatter({}, body, body_line, problems)
        except yaml.YAMLError as error:
            fail("valid YAML front matter (MkDocs would ignore all of it)", str(error), 1)
            return FrontMatter({}, body, body_line, problems)
        if not isinstance(parsed, dict):
            fail("front matter of 'key: value' lines", f"{type(parsed).__name__} (MkDocs would ignore it)", 2)
            return FrontMatter({}, body, body_line, problems)
        problems += yaml_text.problems(block, source, first_line=block_start)  # comments, cut texts, nbsp
        meta, body = parsed, text[match.end():].lstrip("\n")  # what mkdocs.utils.meta.get_data returns
        body_line = _body_line(text, body)
        key_lines = _key_lines(block.splitlines(), block_start)
    else:
        key_lines = _key_lines(lines[: body_line - 1], 1)  # MultiMarkdown-style lines at the top
    for key, value in meta.items():
        name = str(key)
        line = (key_lines.get(name) or [None])[0]
        if len(key_lines.get(name, [])) > 1:
            fail("each front matter key once", f"'{name}' again on line {key_lines[name][1]} "
                 "(MkDocs keeps only the last one)", line, name)
        if name not in KNOWN_KEYS:
            near = difflib.get_close_matches(name.lower(), KNOWN_KEYS, n=1, cutoff=0.75)
            known = f"; the keys a page may have are {KNOWN_LIST}"
            if near:
                fail(f"a front matter key MkDocs knows, like '{near[0]}'",
                     f"'{name}' (did you mean '{near[0]}'?){known}", line, name)
            elif _says_internal(value):
                fail("'audience: internal' to keep a page out of the partner edition",
                     f"'{name}: {value}', which does not (did you mean 'audience: internal'?){known}", line, name)
            else:
                hint = (" (did you mean 'audience: internal'?)" if name.lower() in HIDING_WORDS else
                        " (did you mean 'audience: public'?)" if name.lower() in SHOWING_WORDS else "")
                fail(f"a front matter key from this list: {KNOWN_LIST}",
                     f"'{name}', which nothing reads{hint}", line, name)
        elif name == "audience" and value not in AUDIENCES:
            near = difflib.get_close_matches(str(value).strip().lower(), AUDIENCES, n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            fail(f"an audience of {' or '.join(AUDIENCES)}, spelt exactly so", f"'{value}'{hint}", line, name)
        elif name == "hide" and not isinstance(value, list):
            fail(f"a list of what to hide, from {', '.join(HIDE_VALUES)}",
                 f"'{value}' on the same line (write 'hide:', then '  - {value}' on the next line)", line, name)
        elif name == "hide" and any(v not in HIDE_VALUES for v in value):  # type: ignore[union-attr]
            wrong = next(v for v in value if v not in HIDE_VALUES)  # type: ignore[union-attr]
            near = difflib.get_close_matches(str(wrong).lower(), HIDE_VALUES, n=1, cutoff=0.6)
            fail(f"a list of what to hide, from {', '.join(HIDE_VALUES)}",
                 f"'{wrong}'" + (f" (did you mean '{near[0]}'?)" if near else ""), line, name)
        elif name == "search" and (not isinstance(value, dict) or any(k not in SEARCH_KEYS for k in value)):
            wrong = [k for k in value if k not in SEARCH_KEYS] if isinstance(value, dict) else [value]
            fail(f"search settings {' or '.join(SEARCH_KEYS)} on the lines below 'search:' (like '  boost: 2')",
                 f"'{wrong[0]}'", line, name)
        elif name in ("render_macros", "ignore_macros") and not isinstance(value, bool):
            fail("true or false", f"'{value}'", line, name)
        elif name != "audience" and _says_internal(value):
            fail("'audience: internal' to keep a page out of the partner edition",
                 f"'{name}: {value}', which does not", line, name)
    return FrontMatter(meta, body, body_line, problems)
