"""Editions: the internal playbook keeps everything; the partner edition drops internal content."""
from __future__ import annotations

from dataclasses import replace

from macros.content.anchors import DocsIndex
from macros.content.errors import ChecklistError
from macros.content.model import Catalog, Checklist

EDITIONS = ("internal", "public")


def visible(audience: object, edition: str) -> bool:
    return edition == "internal" or audience != "internal"


def checklist_for_edition(checklist: Checklist, edition: str) -> Checklist | None:
    if not visible(checklist.audience, edition):
        return None
    sections = []
    for section in checklist.sections:
        if not visible(section.audience, edition):
            continue
        items = tuple(i for i in section.items if visible(i.audience, edition))
        if items:
            sections.append(replace(section, items=items))
    if not sections:
        return None
    return replace(checklist, sections=tuple(sections))


def for_edition(catalog: Catalog, edition: str) -> Catalog:
    """The catalog as an edition shows it. Checklists left with no items drop out."""
    kept = {}
    for checklist in catalog:
        filtered = checklist_for_edition(checklist, edition)
        if filtered is not None:
            kept[checklist.id] = filtered
    return Catalog(kept)


def internal_guidance(catalog: Catalog, docs: DocsIndex) -> list[ChecklistError]:
    """In the partner edition, no public item may point at an internal page."""
    errors = []
    for checklist in catalog:
        for item in checklist.items:
            if docs.audience(item.guidance_page) == "internal":
                errors.append(ChecklistError(
                    checklist.source, "guidance on a page the partner edition includes",
                    f"'{item.guidance_page}', a page marked 'audience: internal' "
                    "(mark the item 'audience: internal' or point it at a public page)",
                    line=item.guidance_line, checklist=checklist.id, item=item.id, field="guidance"))
    return errors
