"""Editions: the internal playbook keeps everything; the partner edition holds only what was chosen for it.

Pages opt in: a page is in the partner edition only when its own front matter
says `audience: public` (`page_audience`, the one place that decides it).
Checklists, sections, items and onboarding steps opt out: they are public
unless they say `audience: internal`, and only ever appear on public pages.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from macros.content.errors import ChecklistError
from macros.content.model import Catalog, Checklist, Item, TextLink
from macros.content.text_links import link_error

if TYPE_CHECKING:  # anchors.py imports page_audience from here
    from macros.content.anchors import DocsIndex

EDITIONS = ("internal", "public")
OPT_IN = "front matter says audience: public"  # how the build explains which pages partners get


def page_audience(meta: Mapping[str, object] | None) -> str:
    """'public' only when a page's own front matter says exactly `audience: public`; every other page is internal.

    No front matter, no `audience`, a misspelt value, a block MkDocs did not read
    (below the title, never closed): all internal. Nothing else decides a page's edition.
    """
    return "public" if meta is not None and meta.get("audience") == "public" else "internal"


def visible(audience: object, edition: str) -> bool:
    """Whether something with this `audience` is in `edition` (checklists, sections, items, steps, pages)."""
    return edition == "internal" or audience != "internal"


# Words in an id that say it was kept from partners (an old id in `replaces`: partners never had that item).
SAYS_INTERNAL = re.compile(r"(?:^|[-_])(?:internal|confidential|private|secret|staff|team-only)(?:$|[-_])")


def _has_internal(checklist: Checklist) -> bool:
    return any(section.audience == "internal" or any(item.audience == "internal" for item in section.items)
               for section in checklist.sections)


def partner_replaces(checklist: Checklist, item: Item, has_internal: bool | None = None) -> tuple[str, ...]:
    """The earlier ids of a public item the partner edition's data may carry (`replaces`, checklist-format.md).

    An old id is a word partners may never have seen: the id of an item that was internal ("internal-discount-
    floor"). Partners' browsers can only hold answers for items partners had, and the build cannot see earlier
    versions, so the partner edition keeps an item's old ids only when nothing in the checklist is internal
    today (an internal item was renamed or made public in its own checklist) and the id says nothing internal.
    A never-publish phrase in an id stops the partner build (macros/build/term_scan.py). `has_internal`: whether
    the checklist holds anything internal, when the caller has worked it out already (once per checklist).
    """
    if _has_internal(checklist) if has_internal is None else has_internal:
        return ()
    return tuple(old for old in item.replaces if not SAYS_INTERNAL.search(old))


def checklist_for_edition(checklist: Checklist, edition: str) -> Checklist | None:
    if not visible(checklist.audience, edition):
        return None
    sections = []
    has_internal: bool | None = None  # worked out once, when the first item with old ids needs it
    for section in checklist.sections:
        if not visible(section.audience, edition):
            continue
        items = tuple(i for i in section.items if visible(i.audience, edition))
        if edition == "public" and any(i.replaces for i in items):
            if has_internal is None:
                has_internal = _has_internal(checklist)
            items = tuple(replace(i, replaces=partner_replaces(checklist, i, has_internal)) if i.replaces else i
                          for i in items)
        if items:
            sections.append(replace(section, items=items))
    if not sections:
        return None
    kept = replace(checklist, sections=tuple(sections))
    if checklist.links and edition != "internal":  # the links of the parts left out go with them
        shown = {("section", s.id) for s in sections} | {("item", i.id) for s in sections for i in s.items}
        kept = replace(kept, links=tuple(link for link in checklist.links
                                         if link.part in ("checklist", "band") or (link.part, link.part_id) in shown))
    return kept


def for_edition(catalog: Catalog, edition: str) -> Catalog:
    """The catalog as an edition shows it. Checklists left with no items drop out."""
    kept = {}
    for checklist in catalog:
        filtered = checklist_for_edition(checklist, edition)
        if filtered is not None:
            kept[checklist.id] = filtered
    return Catalog(kept)


def _guidance_problems(catalog: Catalog, expected: str,
                       found: Callable[[Item], str | None]) -> list[ChecklistError]:
    """One error for each public item whose guidance `found` objects to (its words, or None when fine)."""
    return [ChecklistError(checklist.source, expected, problem, line=item.guidance_line, checklist=checklist.id,
                           item=item.id, field="guidance")
            for checklist in catalog for item in checklist.items if (problem := found(item)) is not None]


def internal_guidance(catalog: Catalog, docs: DocsIndex) -> list[ChecklistError]:
    """In the partner edition, no public item may point at an internal page.

    A page whose front matter is already reported (a misspelt key, a block never closed) is left out: its own
    message is the one to fix, and advice to mark every item that points at it internal would do harm.
    """
    reported = {problem.file.removeprefix("docs/") for problem in docs.problems}
    return _guidance_problems(
        catalog, "guidance on a page the partner edition includes (its front matter says 'audience: public')",
        lambda item: None if docs.audience(item.guidance_page) == "public" or item.guidance_page in reported else
        f"'{item.guidance_page}', which partners do not get (its front matter does not say 'audience: public'): "
        "check that page's front matter, or point the item at a public page, or mark the item 'audience: internal' "
        "to leave it out for partners")


def hidden_guidance(catalog: Catalog, hidden: Mapping[str, Mapping[str, str]]) -> list[ChecklistError]:
    """In the partner edition, no public item may point at a heading partners do not see.

    `hidden` is {page: {heading id: why}} from macros/content/partner_view.py. The
    item's guidance label is made of that heading's words: they would reach partners
    even though the passage under it does not.
    """
    def found(item: Item) -> str | None:
        why = hidden.get(item.guidance_page, {}).get(item.guidance_anchor)
        return None if why is None else (f"'{item.guidance}', a heading {why} (point the item at a heading "
                                         "outside it, or mark the item 'audience: internal')")
    return _guidance_problems(
        catalog, "guidance on a heading partners can see (a public item's guidance label shows the heading's words)",
        found)


# What an author marks 'audience: internal' to keep a text with a link from partners.
WHOLE = {"checklist": "checklist", "band": "checklist", "section": "section", "item": "item",
         "programme": "programme", "step": "step"}


def unseen_links(source: str, name: str | None, links: Sequence[TextLink], docs: DocsIndex,
                 hidden: Mapping[str, Mapping[str, str]]) -> list[ChecklistError]:
    """In the partner edition, a public text links only to what partners can open: a public page, a heading they see.

    `links` are the links of the parts the partner edition shows (already filtered); `hidden` is {page: {heading
    id: why}} from macros/content/partner_view.py. A page whose front matter is already reported is left out, as
    in `internal_guidance`.
    """
    reported = {problem.file.removeprefix("docs/") for problem in docs.problems}
    errors = []
    for link in links:
        page, _, anchor = link.target.partition("#")
        if page in reported or page not in docs.anchors:
            continue  # its own message is the one to fix
        fix = f"remove the link, or mark the {WHOLE[link.part]} 'audience: internal'"
        if docs.audience(page) != "public":
            found = (f"'{link.target}', a page partners do not get (its front matter does not say 'audience: "
                     f"public'), so partners cannot open it: link to a public page, {fix}")
        elif anchor and anchor in hidden.get(page, {}):
            found = (f"'{link.target}', a heading {hidden[page][anchor]}, so partners cannot open it: link to a "
                     f"heading outside it, {fix}")
        else:
            continue
        errors.append(link_error(source, name, link, "a link partners can open, to a page the partner edition "
                                 "includes (its front matter says 'audience: public')", found))
    return errors
