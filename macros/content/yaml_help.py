"""YAML syntax errors in an author's words: the line, what is probably wrong, then the parser's own message.

PyYAML says "mapping values are not allowed in this context" both for a colon
inside a text and for a line indented too far. Looking at the line it points
at tells the two apart. Used for checklists, onboarding paths, page front
matter and mkdocs.yml alike.
"""
from __future__ import annotations

import re

import yaml

_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:#][^:#]*?):(\s+|$)")
# A value that goes on with ", another_key: ...": fields of a mapping written on one line without braces.
_FIELDS_ON_ONE_LINE = re.compile(r"^[^,:\"'{}\[\]]+(?:,\s*[A-Za-z_][\w-]*:\s[^,]*)+$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], index: int) -> str | None:
    """The nearest line above `index` that holds something other than a comment."""
    for line in reversed(lines[:index]):
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return None


def _hint(problem: str, context: str, lines: list[str], index: int, column: int,
          context_line: int | None) -> str:
    line = lines[index] if 0 <= index < len(lines) else ""
    char = line[column] if 0 <= column < len(line) else ""
    key = _KEY.match(line)
    value = line[key.end():] if key else line.strip().removeprefix("- ")
    if "\t" in line[: _indent(line) + 1] or char == "\t":
        return "use spaces, not tabs, to indent"
    if "mapping values are not allowed" in problem:
        if key and column > key.end(2):
            if _FIELDS_ON_ONE_LINE.match(value.strip()):  # `- value: 4, label: Always`: two fields, not one text
                return (f"two fields on one line go in braces, like {(key.group(1).strip() + ' ').lstrip()}{{{key.group(2)}: {value.strip()}}} "
                        f"(or each on its own line); if it is one text, put it in quotes, like "
                        f"{key.group(2)}: \"{value.strip()}\"")
            return f"text containing ': ' must be in quotes, like {key.group(2)}: \"{value.strip()}\""
        return "check the indentation of this line against the one above: it is indented further"
    if "quoted scalar" in context and "end of stream" in problem:
        return "the quote opened here is never closed"
    if "alias" in context or "anchor" in context:
        example = f", like {key.group(2)}: \"{value.strip()}\"" if key else ""
        return f"text that starts with * or & must be in quotes{example}"
    if "cannot start any token" in problem and char in "`@%":
        return f"text that starts with {char} must be in quotes"
    if "flow mapping" in context or "flow sequence" in context:
        opener, closer = ("{", "}") if "mapping" in context else ("[", "]")
        return (f"the {opener} opened here is not closed with {closer}, or a text inside it contains ',' or ':' "
                "and must be in quotes")
    if "expected key" in problem or "expected '-' indicator" in problem or "block end" in problem:
        if value.lstrip()[:1] in ("\"", "'", "[", "{") and context_line == index + 1:
            return ("a text that starts with a quote or a bracket must be in quotes as a whole, "
                    f"like {key.group(2) if key else 'text'}: '{value.strip()}'")
        above = _previous(lines, index)
        if above is not None and _indent(line) < _indent(above):
            return "check the indentation of this line against the one above: it is indented less"
        return "check the indentation of this line against the one above"
    if "could not find expected ':'" in problem:
        return "a key is missing its ':', or a text running over several lines must be in quotes"
    short = value.strip() if len(value.strip()) <= 50 else value.strip()[:47].rstrip() + "..."
    quoted = f", like {key.group(2)}: \"{short}\"" if key else ""
    if "block sequence entries are not allowed" in problem:
        return f"a '- ' starts a list item only at the start of a line; if the dash is part of the text, put it in quotes{quoted}"
    if "mapping keys are not allowed" in problem or "constructor for the tag" in problem:
        return f"text that starts with {char or 'this character'} must be in quotes{quoted}"
    if "block scalar" in context:
        return ("after | or > the text starts on the next line, indented further than the key; "
                f"or put it in quotes on this line{quoted.replace(short, short.lstrip('|>').strip())}")
    return ("a text holding one of : # - { } [ ] & * ! | > ' \" % @ ` may need quotes; "
            "compare this line with one that works")


def explain(error: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """(line, message) for a YAML syntax error: the likely mistake first, the parser's words last."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return None, f"a syntax error: {error.problem or 'unreadable text'}"
    context_line = error.context_mark.line + 1 if error.context_mark else None
    said = error.problem or "unreadable text"
    if error.context and context_line is not None:
        said += f" ({error.context} started on line {context_line})"
    context = error.context or ""
    if error.context_mark and any(word in context for word in ("flow", "quoted scalar", "alias", "anchor",
                                                               "simple key")):
        said = f"{error.problem} on line {mark.line + 1} ({context} started on line {context_line})"
        mark = error.context_mark  # the mistake is where the bracket or quote was opened
    hint = _hint(error.problem or "", context, text.splitlines(), mark.line, mark.column, context_line)
    message = f"a syntax error at column {mark.column + 1}"
    message += f": {hint} (the YAML parser said: {said})" if hint else f": {said}"
    return mark.line + 1, message
