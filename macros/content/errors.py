"""Errors an author can cause, reported so a person who edits YAML can fix them."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

MAX_QUOTE = 300  # characters of an author's text one message quotes; the file holds the rest
MAX_PER_FILE = 20  # problems listed per file; the rest are counted


def shorten(text: str, limit: int = MAX_QUOTE) -> str:
    """`text` cut to `limit` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit:,} more characters)"


@dataclass(frozen=True)
class ChecklistError:
    """One problem: where it is, what was expected, what was found."""

    file: str
    expected: str
    found: str = ""
    line: int | None = None
    checklist: str | None = None
    item: str | None = None
    field: str | None = None
    # What the file and its entries are called for the author: a checklist's items, an onboarding programme's steps.
    nouns: tuple[str, str] = ("checklist", "item")

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = []
        if self.checklist:
            parts.append(f"{self.nouns[0]} '{shorten(self.checklist, 80)}'")
        if self.item:
            parts.append(f"{self.nouns[1]} '{shorten(self.item, 80)}'")
        if self.field:
            parts.append(f"field '{shorten(self.field, 80)}'")
        context = ", ".join(parts)
        message = f"expected {shorten(self.expected)}"
        if self.found:
            message += f", found {shorten(self.found)}"
        return f"{where}: {context}: {message}" if context else f"{where}: {message}"


class ChecklistErrors(Exception):
    """Every problem found in one run, listed together."""

    def __init__(self, errors: list[ChecklistError], partial: object = None) -> None:
        self.errors = list(errors)
        self.partial = partial  # what could be read of a bad file, if anything
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        lines = [f"The build stopped: {count} {noun} to fix:"]
        listed: Counter[str] = Counter()
        for error in self.errors:
            listed[error.file] += 1
            if listed[error.file] <= MAX_PER_FILE:
                lines.append(f"  - {error}")
        for file, number in listed.items():
            if number > MAX_PER_FILE:
                lines.append(f"  - {file}: and {number - MAX_PER_FILE} more problems in this file "
                             "(fix the ones above first)")
        return "\n".join(lines)
