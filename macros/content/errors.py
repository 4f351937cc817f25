"""Errors an author can cause, reported so a person who edits YAML can fix them."""
from __future__ import annotations

from dataclasses import dataclass


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

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = []
        if self.checklist:
            parts.append(f"checklist '{self.checklist}'")
        if self.item:
            parts.append(f"item '{self.item}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        context = ", ".join(parts)
        message = f"expected {self.expected}"
        if self.found:
            message += f", found {self.found}"
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
        lines += [f"  - {error}" for error in self.errors]
        return "\n".join(lines)
