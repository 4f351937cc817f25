"""YAML an author writes, read within bounds: no alias bomb, no nesting that crashes the parser.

PyYAML expands aliases without limit (a 786-byte file of nested aliases took
minutes and gigabytes) and builds nested structures by recursion (50,000
opening brackets crash the interpreter). `check_bounds` walks the parser's
events first, which needs neither recursion nor memory, and stops at the first
limit passed: the text's size, how deep blocks and brackets nest, and how many
values the document holds once every alias is counted as the values it
repeats. Only then is the document built. Every place the project parses
author YAML goes through here: checklists, onboarding paths, page front matter,
mkdocs.yml as `make build` reads it, and any data file a module adds
(`load(text, source)`).
"""
from __future__ import annotations

from typing import Any

import yaml

from macros.content.errors import ChecklistError, ChecklistErrors
from macros.content.yaml_help import explain

MAX_CHARS = 1_000_000  # characters in one YAML text (a 200-item checklist is about 60,000)
MAX_DEPTH = 20  # lists and mappings inside each other (a checklist needs 6)
MAX_VALUES = 100_000  # values once every alias is expanded (a 200-item checklist has about 2,500)

FAST_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLimit(Exception):
    """The text passes one of the limits above; `line` is where (None for the whole file)."""

    def __init__(self, expected: str, found: str, line: int | None = None) -> None:
        super().__init__(f"expected {expected}, found {found}")
        self.expected, self.found, self.line = expected, found, line


def check_bounds(text: str, loader: type = FAST_LOADER) -> None:
    """Raise `YamlLimit` when `text` is too large, nests too deep or expands too far.

    A syntax error is left for the real parse, which explains it; events are
    read only up to it.
    """
    if len(text) > MAX_CHARS:
        raise YamlLimit(f"a YAML text of at most {MAX_CHARS:,} characters", f"{len(text):,} characters")
    events = loader(text)
    sizes: dict[str, int] = {}  # anchor -> values it stands for
    open_: list[tuple[str | None, int]] = []  # collections being read: (anchor, values counted when opened)
    values = 0
    try:
        while True:
            try:
                if not events.check_event():
                    return
                event = events.get_event()
            except yaml.YAMLError:
                return  # the real parse reports it, with its line and an explanation
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                values += sizes.get(event.anchor, 1)
            elif isinstance(event, yaml.ScalarEvent):
                values += 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                values += 1
                open_.append((event.anchor, values))
                if len(open_) > MAX_DEPTH:
                    raise YamlLimit(f"lists and mappings nested at most {MAX_DEPTH} deep",
                                    f"more than {MAX_DEPTH} levels", line)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, before = open_.pop()
                if anchor:
                    sizes[anchor] = values - before + 1
            if values > MAX_VALUES:
                raise YamlLimit(f"at most {MAX_VALUES:,} values, counting each alias (*name) as everything "
                                "it repeats", "more: aliases repeating aliases multiply (write the values out, "
                                "or use fewer aliases)", line)
    finally:
        events.dispose()


def parse(text: str, loader: type = FAST_LOADER) -> Any:
    """`yaml.load(text, loader)` within the bounds; raises `YamlLimit` or PyYAML's own errors."""
    check_bounds(text, loader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - the loaders passed here are safe ones


def load(text: str, source: str, loader: type = FAST_LOADER) -> Any:
    """One author's YAML file, within the bounds. Any problem raises `ChecklistErrors` with one line naming `source`."""
    try:
        return parse(text, loader)
    except YamlLimit as limit:
        raise ChecklistErrors([ChecklistError(source, limit.expected, limit.found, line=limit.line)]) from None
    except yaml.MarkedYAMLError as error:
        line, found = explain(error, text)
        raise ChecklistErrors([ChecklistError(source, "valid YAML", found, line=line)]) from None
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError, OverflowError) as error:
        found = f"unreadable YAML ({type(error).__name__}: {error})" if str(error) else "unreadable YAML"
        raise ChecklistErrors([ChecklistError(source, "valid YAML", found)]) from None
