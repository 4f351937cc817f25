"""Read and validate every checklist file; report every problem at once.

`parse_checklist` turns one YAML document into a `Checklist` or raises
`ChecklistErrors`; no other exception escapes it, whatever the input.
`load_catalog` does that for every file in `data/checklists/`, then checks
what spans files: duplicate ids and guidance links into `docs/`.
"""
from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from macros.content.anchors import DocsIndex, scan_docs
from macros.content import source_text, text_links, yaml_text
from macros.content.errors import ChecklistError, ChecklistErrors
from macros.content.model import (ABOUT, ANSWER_KINDS, AUDIENCES, SIDES, Band, Catalog, Checklist, Item, ScalePoint,
                                  Section, TextLink)
from macros.content.safe_yaml import YamlLimit, check_bounds
from macros.content.yaml_help import explain

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_FILE_BYTES = 2_000_000
MAX_REVIEW_DAYS = 3660  # ten years: a longer rhythm is a typo
# A checklist's size, stated in docs/reference/checklist-format.md. The page budget is 60 KB; the largest
# real checklist has 14 items and texts under 200 characters, so these leave a wide margin.
MAX_ITEMS = 200  # items in one checklist, all sections together
MAX_TEXT = 1000  # characters in one text (title, summary, intro, item text, label, advice)
MAX_SCALE_POINTS = 11  # answer choices of a scale (0 to 10)
MAX_REPLACES = 20  # earlier ids one item names in 'replaces'

CHECKLIST_FIELDS = {"id": True, "title": True, "version": True, "summary": True, "sections": True,
                    "bands": True, "audience": False, "answers": False, "scale": False,
                    "review_every": False, "about": False}
SECTION_FIELDS = {"id": True, "title": True, "items": True, "intro": False, "audience": False}
ITEM_FIELDS = {"id": True, "text": True, "guidance": True, "weight": False, "audience": False,
               "side": False, "mirror": False, "replaces": False}
BAND_FIELDS = {"min": True, "max": True, "label": True, "advice": True}
SCALE_FIELDS = {"value": True, "label": True}


# -- YAML with line numbers ------------------------------------------------------
class _Map(dict):  # type: ignore[type-arg]
    """A mapping that remembers the line it starts on and each key's line."""

    line: int | None = None
    key_lines: dict[Any, int]


_STR_TAG = "tag:yaml.org,2002:str"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml's parser when PyYAML has it: several times faster)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Any, int, int]] = []  # (key, line, line of the first one)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A plain text value is its node's text (what PyYAML's own steps return for it), without those steps:
        nine values in ten of a checklist are texts."""
        if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
            return node.value
        return super().construct_object(node, deep)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            key = repr(key)
        line = key_node.start_mark.line + 1
        if key in result.key_lines:  # YAML keeps the last one silently: an author loses the first
            loader.duplicates.append((key, line, result.key_lines[key]))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)


def describe(value: object) -> str:
    """Say what an author wrote, in words a YAML author knows."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the text {shown!r}" if value.strip() else "empty text"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__} ({value!r:.40})"


# -- One checklist ---------------------------------------------------------------
def _near(value: object, choices: tuple[str, ...]) -> str:
    """' (did you mean ...?)' when a wrong value is close to one of `choices` (a capital letter, a typo), else ''."""
    near = difflib.get_close_matches(str(value).strip().lower(), choices, n=1, cutoff=0.6)
    return f" (did you mean '{near[0]}'?)" if near else ""


def _unquote_hint(key: str, value: object, check: Callable[[Any], bool]) -> str:
    """' (remove the quotes: weight: 2)' when a quoted text would be right as a number or true/false."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        unquoted = yaml.safe_load(value.strip())
    except yaml.YAMLError:
        return ""
    if isinstance(unquoted, (int, float, bool)) and check(unquoted):
        return f" in quotes, which make it text (remove the quotes: {key}: {value.strip()})"
    return ""


class _Checker:
    """Collects problems while reading one document."""

    def __init__(self, source: str, nouns: tuple[str, str] = ("checklist", "item")) -> None:
        self.source = source
        self.nouns = nouns  # how messages name the document and its entries
        self.errors: list[ChecklistError] = []
        self.checklist: str | None = None
        self.lines: dict[tuple[str, str], int | None] = {}  # (item id, field) -> line, for checks across items
        self.bad_side: set[str] = set()  # items whose side is already reported: their pairs are not checked again
        self.bad_weight: set[str] = set()  # items whose weight is already reported: not compared with their mirror
        self.links: list[TextLink] = []  # links to pages in texts that take inline Markdown, checked against docs/

    def fail(self, expected: str, found: str = "", *, line: int | None = None,
             item: str | None = None, field: str | None = None) -> None:
        self.errors.append(ChecklistError(self.source, expected, found, line=line,
                                          checklist=self.checklist, item=item, field=field, nouns=self.nouns))

    def fields(self, data: _Map, spec: dict[str, bool], what: str, item: str | None = None) -> bool:
        """Check required and unknown keys. True when every required key is there."""
        ok = True
        for key in data:
            if key not in spec:
                near = difflib.get_close_matches(str(key), spec, n=1, cutoff=0.6)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                self.fail(f"one of the {what} fields {', '.join(spec)}",
                          f"unknown field '{key}'{hint}", line=data.key_lines.get(key), item=item,
                          field=str(key))
        for key, required in spec.items():
            if required and key not in data:
                self.fail(f"a '{key}' field in this {what}", "none", line=data.line, item=item,
                          field=key)
                ok = False
        return ok

    def value(self, data: _Map, key: str, check: Callable[[Any], bool], expected: str,
              item: str | None = None) -> bool:
        if key not in data:
            return False
        if check(data[key]):
            return True
        self.fail(expected, describe(data[key]) + _unquote_hint(key, data[key], check),
                  line=data.key_lines.get(key), item=item, field=key)
        return False

    def text(self, data: _Map, key: str, item: str | None = None) -> str:
        ok = self.value(data, key, lambda v: isinstance(v, str) and bool(v.strip()),
                        "non-empty text", item)
        if ok and len(data[key].strip()) > MAX_TEXT:
            self.fail(f"a text of at most {MAX_TEXT:,} characters (shorten it, or move the detail to the "
                      "guidance page)", f"{len(data[key].strip()):,} characters",
                      line=data.key_lines.get(key), item=item, field=key)
            return ""
        return data[key].strip() if ok else ""

    def linked_text(self, data: _Map, key: str, part: str, part_id: str | None = None) -> str:
        """`text`, for a field that takes inline Markdown: its links to pages are kept for `check_links`."""
        value = self.text(data, key, part_id if part in ("item", "step") else None)
        for target in text_links.page_targets(value):
            self.links.append(TextLink(target, key, data.key_lines.get(key), part, part_id))
        return value

    def slug(self, data: _Map, key: str, item: str | None = None) -> str:
        ok = self.value(data, key, lambda v: isinstance(v, str) and bool(SLUG.match(v)),
                        "an id of lowercase letters, digits and hyphens (like 'fair-price')", item)
        return data[key] if ok else ""

    def audience(self, data: _Map, item: str | None = None) -> str | None:
        if "audience" not in data:
            return None
        value = data["audience"]
        if value in AUDIENCES:
            return value
        self.fail("an audience of " + " or ".join(AUDIENCES) + ", spelt exactly so", describe(value) + _near(value, AUDIENCES),
                  line=data.key_lines.get("audience"), item=item, field="audience")
        return None

    def mapping(self, value: object, what: str, line: int | None, item: str | None = None) -> bool:
        if isinstance(value, _Map):
            return True
        self.fail(f"{what} as a mapping (key: value pairs)", describe(value), line=line, item=item)
        return False


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_weight(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value) and value > 0)


def _limit_error(limit: YamlLimit, source: str) -> ChecklistErrors:
    return ChecklistErrors([ChecklistError(source, limit.expected, limit.found, line=limit.line)])


def _load_yaml(text: str, source: str, bounded: bool = False) -> object:
    """`text` as YAML with line numbers; `bounded`: `read_data_file` already checked it within bounds."""
    if not bounded:
        try:
            check_bounds(text, _Loader)
        except YamlLimit as limit:
            raise _limit_error(limit, source) from None
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        line, found = explain(error, text)
        raise ChecklistErrors([ChecklistError(source, "valid YAML", found, line=line)]) from None
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError, OverflowError) as error:
        raise ChecklistErrors([ChecklistError(source, "valid YAML", str(error) or "unreadable YAML")]) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise ChecklistErrors([
            ChecklistError(source, "each key once in its block", f"'{key}' again (first on line {first}): "
                           "YAML would keep only the last one; remove or rename one of them",
                           line=line, field=str(key))
            for key, line, first in loader.duplicates])
    return data


def parse_checklist(text: str, source: str, bounded: bool = False) -> Checklist:
    """Validate one checklist document. Raises `ChecklistErrors` and nothing else.

    `bounded`: the text comes from `read_data_file`, which checked it within bounds (not checked again).
    """
    try:
        return _parse(text, source, bounded)
    except ChecklistErrors:
        raise
    except RecursionError:
        raise ChecklistErrors([ChecklistError(source, "a checklist", "a structure nested too deeply")]) from None


def _parse(text: str, source: str, bounded: bool = False) -> Checklist:
    data = _load_yaml(text, source, bounded)
    check = _Checker(source)
    if data is None:
        check.fail("a checklist (id, title, version, summary, bands, sections)", "an empty file")
        raise ChecklistErrors(check.errors)
    if not check.mapping(data, "the checklist", 1):
        raise ChecklistErrors(check.errors)
    assert isinstance(data, _Map)
    if isinstance(data.get("id"), str) and data["id"].strip():
        check.checklist = data["id"]
    check.fields(data, CHECKLIST_FIELDS, "checklist")
    cid = check.slug(data, "id")
    title = check.text(data, "title")
    summary = check.linked_text(data, "summary", "checklist")
    version = data.get("version", 0)
    check.value(data, "version", lambda v: _is_int(v) and v > 0,
                "a whole number of 1 or more")
    audience = check.audience(data)
    answers = data.get("answers", "yes-no")
    if not check.value(data, "answers", lambda v: v in ANSWER_KINDS,
                       "an answer kind of " + " or ".join(ANSWER_KINDS)):
        answers = "yes-no" if "answers" in data else answers
    scale = _scale(check, data, answers)
    review_every = data.get("review_every")
    if not check.value(data, "review_every", lambda v: _is_int(v) and 1 <= v <= MAX_REVIEW_DAYS,
                       f"a whole number of days from 1 to {MAX_REVIEW_DAYS}, like 90 for every quarter"):
        review_every = None
    about = data.get("about", ABOUT[0])
    if about not in ABOUT:
        check.fail("what the checklist is about: " + " or ".join(ABOUT) + f" (the default is {ABOUT[0]})",
                   describe(about) + _near(about, ABOUT), line=data.key_lines.get("about"), field="about")
        about = ABOUT[0]
    bands = _bands(check, data)
    count = _item_count(data.get("sections"))
    if count > MAX_ITEMS:  # stop here: validating 50,000 items would bury this in as many messages
        check.fail(f"at most {MAX_ITEMS} items in one checklist (split it into several checklists)",
                   f"{count:,} items", line=data.key_lines.get("sections"), field="sections")
        raise ChecklistErrors(check.errors)
    sections = _sections(check, data)
    _check_sides(check, str(about), audience, sections)
    _check_replaces(check, sections)
    checklist = Checklist(id=cid, title=title, version=version if _is_int(version) else 0,
                          summary=summary, sections=sections, bands=bands, answers=str(answers),
                          scale=scale, audience=audience, source=source, review_every=review_every,
                          about=str(about), links=tuple(check.links))
    if check.errors:
        # Keep what could be read, so guidance links are checked in the same run.
        raise ChecklistErrors(check.errors, partial=checklist)
    return checklist


def _item_count(sections: object) -> int:
    """How many items the raw `sections` list holds (0 for anything that is not a list of sections)."""
    if not isinstance(sections, list):
        return 0
    return sum(len(section["items"]) for section in sections
               if isinstance(section, dict) and isinstance(section.get("items"), list))


def _scale(check: _Checker, data: _Map, answers: object) -> tuple[ScalePoint, ...]:
    if answers != "scale":
        if "scale" in data:
            check.fail("'scale' only together with 'answers: scale'",
                       f"answers: {answers}", line=data.key_lines.get("scale"), field="scale")
        return ()
    if "scale" not in data:
        check.fail("a 'scale' list because 'answers' is 'scale'", "none", line=data.line, field="scale")
        return ()
    raw = data["scale"]
    if not isinstance(raw, list) or not 2 <= len(raw) <= MAX_SCALE_POINTS:
        found = f"{len(raw)} points" if isinstance(raw, list) and raw else describe(raw)
        check.fail(f"a list of 2 to {MAX_SCALE_POINTS} points ({{value: 0, label: ...}})", found,
                   line=data.key_lines.get("scale"), field="scale")
        return ()
    points = []
    for index, point in enumerate(raw):
        if not check.mapping(point, f"scale point {index + 1}", data.key_lines.get("scale")):
            continue
        if not check.fields(point, SCALE_FIELDS, "scale point"):
            continue
        label = check.text(point, "label")
        if check.value(point, "value", _is_int, "a whole number"):
            points.append(ScalePoint(point["value"], label))
    values = [p.value for p in points]
    if len(points) == len(raw) and values != list(range(len(values))):
        check.fail("scale values counting up from 0 in steps of 1 (0, 1, 2, ...)",
                   ", ".join(map(str, values)), line=data.key_lines.get("scale"), field="scale")
    return tuple(points)


def _bands(check: _Checker, data: _Map) -> tuple[Band, ...]:
    raw = data.get("bands")
    if raw is None and "bands" not in data:
        return ()
    if not isinstance(raw, list) or not raw:
        check.fail("a list of score bands ({min, max, label, advice})", describe(raw),
                   line=data.key_lines.get("bands"), field="bands")
        return ()
    bands: list[Band] = []
    for index, band in enumerate(raw):
        where = f"band {index + 1}"
        if not check.mapping(band, where, data.key_lines.get("bands")):
            continue
        if not check.fields(band, BAND_FIELDS, "band"):
            continue
        label = check.text(band, "label")
        advice = check.linked_text(band, "advice", "band", label or None)
        in_range = lambda v: _is_int(v) and 0 <= v <= 100  # noqa: E731
        ok = check.value(band, "min", in_range, "a whole-number percentage from 0 to 100")
        ok = check.value(band, "max", in_range, "a whole-number percentage from 0 to 100") and ok
        if ok and band["min"] > band["max"]:
            check.fail(f"min no larger than max in band '{label}'", f"min {band['min']}, max {band['max']}",
                       line=band.line, field="bands")
            ok = False
        if ok:
            bands.append(Band(band["min"], band["max"], label, advice))
    if len(bands) == len(raw):
        ordered = sorted(bands, key=lambda b: b.min)
        expected_start = 0
        for band in ordered:
            if band.min > expected_start:
                check.fail("bands covering every score from 0 to 100",
                           f"a gap: no band covers {expected_start} to {band.min - 1}",
                           line=data.key_lines.get("bands"), field="bands")
            elif band.min < expected_start:
                check.fail("bands that do not overlap",
                           f"scores {band.min} to {min(band.max, expected_start - 1)} fall in two bands",
                           line=data.key_lines.get("bands"), field="bands")
            expected_start = max(expected_start, band.max + 1)
        if expected_start <= 100:
            check.fail("bands covering every score from 0 to 100",
                       f"a gap: no band covers {expected_start} to 100",
                       line=data.key_lines.get("bands"), field="bands")
        bands = ordered
    return tuple(bands)


def _sections(check: _Checker, data: _Map) -> tuple[Section, ...]:
    raw = data.get("sections")
    if "sections" not in data:
        return ()
    if not isinstance(raw, list) or not raw:
        check.fail("a non-empty list of sections", describe(raw),
                   line=data.key_lines.get("sections"), field="sections")
        return ()
    sections: list[Section] = []
    section_ids: dict[str, int | None] = {}
    item_ids: dict[str, int | None] = {}
    for index, section in enumerate(raw):
        if not check.mapping(section, f"section {index + 1}", data.key_lines.get("sections")):
            continue
        check.fields(section, SECTION_FIELDS, "section")
        sid = check.slug(section, "id")
        if sid and sid in section_ids:
            check.fail("section ids that are unique within the checklist",
                       f"section '{sid}' again (first on line {section_ids[sid]})",
                       line=section.key_lines.get("id"), field="id")
        section_ids.setdefault(sid, section.key_lines.get("id"))
        title = check.text(section, "title")
        intro = check.linked_text(section, "intro", "section", sid or None) if "intro" in section else ""
        audience = check.audience(section)
        items = _items(check, section, sid, item_ids)
        sections.append(Section(sid, title, items, intro, audience))
    return tuple(sections)


def _items(check: _Checker, section: _Map, sid: str, seen: dict[str, int | None]) -> tuple[Item, ...]:
    raw = section.get("items")
    if "items" not in section:
        return ()
    if not isinstance(raw, list) or not raw:
        check.fail(f"a non-empty list of items in section '{sid}'", describe(raw),
                   line=section.key_lines.get("items"), field="items")
        return ()
    items: list[Item] = []
    for index, item in enumerate(raw):
        if not check.mapping(item, f"item {index + 1} of section '{sid}'", section.key_lines.get("items")):
            continue
        iid = item.get("id") if isinstance(item.get("id"), str) else f"#{index + 1} of section '{sid}'"
        check.fields(item, ITEM_FIELDS, "item", iid)
        slug = check.slug(item, "id", iid)
        if slug and slug in seen:
            check.fail("item ids that are unique within the checklist",
                       f"item '{slug}' again (first on line {seen[slug]})",
                       line=item.key_lines.get("id"), item=slug, field="id")
        if slug:
            seen.setdefault(slug, item.key_lines.get("id"))
        text = check.linked_text(item, "text", "item", iid)
        guidance = ""
        if check.value(item, "guidance", lambda v: isinstance(v, str) and bool(v.strip()),
                       "a page and heading like 'principles/trust.md#fair-price'", iid):
            guidance = _guidance_shape(check, item, iid)
        weight = item.get("weight", 1)
        if not check.value(item, "weight", _is_weight, "a positive number (the default is 1)", iid):
            weight = 1
            if "weight" in item:  # written and refused (reported), not left to its default
                check.bad_weight.add(iid)
        audience = check.audience(item, iid)
        side, mirror = _side(check, item, iid)
        replaces = _replaces(check, item, iid)
        items.append(Item(slug, text, guidance, weight, audience, item.line, item.key_lines.get("guidance"),
                          side, mirror, replaces, item.key_lines.get("replaces")))
    return tuple(items)


# -- Whom each item is about (side, mirror) ------------------------------------------
SIDE_HELP = ("'both' (the partnership as a whole; the default), 'ours' (our own side) or 'theirs' "
             "(the other side)")


def _side(check: _Checker, item: _Map, iid: str) -> tuple[str, str | None]:
    """An item's `side` and `mirror` as written; how they fit the other items is `_check_sides`'s job."""
    for key in ("side", "mirror"):
        if key in item:
            check.lines[(iid, key)] = item.key_lines.get(key)
    side = item.get("side", SIDES[0])
    if side not in SIDES:
        check.fail(f"whom the item is about: {SIDE_HELP}, spelt exactly so", describe(side) + _near(side, SIDES),
                   line=item.key_lines.get("side"), item=iid, field="side")
        check.bad_side.add(iid)
        side = SIDES[0]
    mirror = check.slug(item, "mirror", iid) or None if "mirror" in item else None
    return str(side), mirror


def _check_sides(check: _Checker, about: str, checklist_audience: str | None,
                 sections: tuple[Section, ...]) -> None:
    """Mirrored items pair one item about our side with one about theirs, both ways, alike in audience and weight.

    Each side answers every item from its own side, so the comparison sets our answer to an `ours` item
    against the other side's answer to its mirror; a pair that does not hold together would compare
    different questions. An internal item about one side needs no mirror: the partner never answers it.
    """
    where = {item.id: (item, section) for section in sections for item in section.items if item.id}

    def internal(iid: str) -> bool:
        item, section = where[iid]
        return "internal" in (checklist_audience, section.audience, item.audience)

    def fail(iid: str, key: str, expected: str, found: str) -> None:
        check.fail(expected, found, line=check.lines.get((iid, key)) or where[iid][0].line, item=iid, field=key)

    for iid, (item, _) in where.items():
        if iid in check.bad_side or item.mirror in check.bad_side:
            continue
        written = [key for key in ("side", "mirror") if (iid, key) in check.lines]
        if about == "person":
            for key in written:
                fail(iid, key, f"no '{key}' on a checklist about a person: there is no other side to compare with "
                     "(remove the line, or remove 'about: person')", f"{key}: {getattr(item, key)}")
            continue
        if item.side == "both":
            if item.mirror:
                fail(iid, "mirror", "a mirror only on an item about one side: add 'side: ours' or 'side: theirs', "
                     "or remove the mirror (an item about the partnership as a whole is compared as it is)",
                     f"mirror: {item.mirror} on an item about both sides")
            continue
        if not item.mirror:
            if (iid, "mirror") not in check.lines and not internal(iid):
                fail(iid, "side", "a 'mirror:' line naming the item that asks the same about the other side "
                     f"(like 'mirror: {_other_name(iid)}'), because the other side answers that one",
                     f"side: {item.side} with no mirror")
            continue
        if item.mirror == iid:
            fail(iid, "mirror", "the id of another item, the one asking the same about the other side",
                 f"'{iid}', this item's own id")
            continue
        if item.mirror not in where:
            near = difflib.get_close_matches(item.mirror, list(where), n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            fail(iid, "mirror", "the id of an item of this checklist",
                 f"'{item.mirror}', which is not an item here{hint}")
            continue
        other = where[item.mirror][0]
        opposite = "theirs" if item.side == "ours" else "ours"
        if other.side != opposite:
            fail(iid, "mirror", f"a mirror about the other side: item '{other.id}' with 'side: {opposite}'",
                 f"item '{other.id}', which is about {'both sides' if other.side == 'both' else 'the same side'} "
                 f"(side: {other.side})")
        elif other.mirror != iid:
            fail(iid, "mirror", f"a mirror that names this item back: 'mirror: {iid}' on item '{other.id}'",
                 f"item '{other.id}' with " + (f"'mirror: {other.mirror}'" if other.mirror else "no mirror"))
        elif item.line is not None and other.line is not None and item.line > other.line:
            continue  # a pair's own differences are reported once, on its first item
        elif internal(iid) != internal(other.id):
            fail(iid, "mirror", "both items of a mirrored pair in the same edition (both internal, or neither)",
                 f"'{iid}' is {'internal' if internal(iid) else 'public'}, '{other.id}' is "
                 f"{'internal' if internal(other.id) else 'public'} (the partner edition would show one without the other)")
        elif item.weight != other.weight and not {iid, other.id} & check.bad_weight:
            fail(iid, "mirror", "the same weight on both items of a mirrored pair, so that each side's overall score "
                 "weighs both sides alike", f"weight {item.weight:g} on '{iid}', {other.weight:g} on '{other.id}'")


def _other_name(iid: str) -> str:
    """A likely id for an item's mirror, for the example in a message."""
    for ours, theirs in (("our-", "partner-"), ("we-", "partner-"), ("their-", "our-"), ("partner-", "our-")):
        if iid.startswith(ours):
            return theirs + iid[len(ours):]
    return "partner-" + iid


REPLACES_EXPECTED = ("the id or ids this item had in earlier versions, like 'replaces: old-id' or "
                     "'replaces: [old-id, older-id]'")


def _replaces(check: _Checker, item: _Map, iid: str) -> tuple[str, ...]:
    """The ids an item names in `replaces:` (one id or a list), each a slug, none twice."""
    if "replaces" not in item:
        return ()
    raw = item["replaces"]
    line = item.key_lines.get("replaces")
    values = raw if isinstance(raw, list) else [raw]
    if not values or len(values) > MAX_REPLACES:
        check.fail(f"{REPLACES_EXPECTED}, at most {MAX_REPLACES}",
                   "an empty list" if not values else f"{len(values)} ids", line=line, item=iid, field="replaces")
        return ()
    kept: list[str] = []
    for value in values:
        if not (isinstance(value, str) and SLUG.match(value)):
            check.fail(f"{REPLACES_EXPECTED}; each an id of lowercase letters, digits and hyphens",
                       describe(value), line=line, item=iid, field="replaces")
        elif value == iid:
            check.fail("ids this item had before, not its own id", f"'{value}' (remove it from 'replaces')",
                       line=line, item=iid, field="replaces")
        elif value in kept:
            check.fail("each earlier id once", f"'{value}' twice", line=line, item=iid, field="replaces")
        else:
            kept.append(value)
    return tuple(kept)


def _check_replaces(check: _Checker, sections: tuple[Section, ...]) -> None:
    """An id an item replaces is no longer in the checklist, and only one item takes over its answers."""
    items = [item for section in sections for item in section.items]
    current = {item.id for item in items if item.id}
    taken: dict[str, str] = {}
    for item in items:
        for old in item.replaces:
            if old in current:
                check.fail("in 'replaces', an id the checklist no longer has (an item that still exists keeps "
                           "its own answers)", f"'{old}', the id of an item in this version",
                           line=item.replaces_line, item=item.id, field="replaces")
            elif old in taken:
                check.fail("each replaced id named by one item only (its answers can move to one item)",
                           f"'{old}', already replaced by item '{taken[old]}'",
                           line=item.replaces_line, item=item.id, field="replaces")
            else:
                taken[old] = item.id


def _guidance_shape(check: _Checker, item: _Map, iid: str) -> str:
    value = item["guidance"].strip()
    page, hash_, anchor = value.partition("#")
    line = item.key_lines.get("guidance")
    if not hash_ or not anchor:
        check.fail("a heading anchor after the page, like 'principles/trust.md#fair-price'",
                   f"'{value}' (no #heading)", line=line, item=iid, field="guidance")
        return ""
    if not page.endswith(".md") or page.startswith(("/", "http:", "https:")) or ".." in page.split("/"):
        check.fail("a page path inside docs/ ending in .md, like 'principles/trust.md'",
                   f"'{page}'", line=line, item=iid, field="guidance")
        return ""
    return value


# -- Every checklist -------------------------------------------------------------
def read_data_file(path: Path, source: str) -> str:
    """The text of one YAML file an author writes, a byte-order mark dropped (macros/content/source_text.py).

    A file too large (not read past the limit), unreadable, not saved as UTF-8, or hiding something in a
    comment or a non-breaking space (macros/content/yaml_text.py) raises `ChecklistErrors` naming `source`;
    so does a text past the YAML bounds (macros/content/safe_yaml.py), with the message the parse would give.
    Its callers parse the text with `bounded=True`: checked once, not again.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ChecklistErrors([ChecklistError(source, f"a file under {MAX_FILE_BYTES // 1_000_000} MB",
                                                  f"{size:,} bytes")])
        raw = path.read_bytes()
    except OSError as error:
        raise ChecklistErrors([ChecklistError(source, "a readable file", error.strerror or str(error))]) from None
    text, unreadable = source_text.decode(raw, source)
    if text is None:
        raise ChecklistErrors([unreadable])  # type: ignore[list-item]
    try:
        check_bounds(text, _Loader)
    except YamlLimit as limit:  # reported before the comment scan, which would take seconds over such a file
        raise _limit_error(limit, source) from None
    hidden = yaml_text.problems(text, source)
    if hidden:
        raise ChecklistErrors(hidden)
    return text


def checklist_files(data_dir: Path) -> list[Path]:
    if not data_dir.is_dir():
        return []
    return sorted(p for p in data_dir.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml"))


def _relative(path: Path, root: Path | None) -> str:
    """`path` as the author names it: relative to the project root when it is inside it."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


_scanned: dict[Path, DocsIndex] = {}


def docs_index(docs: DocsIndex | None, docs_dir: Path) -> DocsIndex:
    if docs is None:
        docs = _scanned.setdefault(docs_dir, scan_docs(docs_dir))
    return docs


def load_catalog(data_dir: Path, docs_dir: Path, root: Path | None = None,
                 docs: DocsIndex | None = None) -> Catalog:
    """Validate every checklist file and its guidance links; all problems at once."""
    errors: list[ChecklistError] = []
    checklists: dict[str, Checklist] = {}
    paths: dict[str, Path] = {}  # source -> file, for duplicate ids
    _scanned.clear()
    if root is not None:  # resolved once here, not once per file
        root, data_dir = root.resolve(), data_dir.resolve()
    for path in checklist_files(data_dir):
        source = _relative(path, root)
        try:
            checklist = parse_checklist(read_data_file(path, source), source, bounded=True)
        except ChecklistErrors as problem:
            errors.extend(problem.errors)
            if problem.partial is not None:
                errors.extend(check_guidance(problem.partial, docs_index(docs, docs_dir)))
                errors.extend(check_links(problem.partial, docs_index(docs, docs_dir)))
            continue
        paths[source] = path
        if checklist.id in checklists:
            errors.append(_duplicate(checklists[checklist.id], checklist, paths))
            continue
        checklists[checklist.id] = checklist
    for checklist in checklists.values():
        errors.extend(check_guidance(checklist, docs_index(docs, docs_dir)))
        errors.extend(check_links(checklist, docs_index(docs, docs_dir)))
    if errors:
        raise ChecklistErrors(errors)
    return Catalog(checklists)


def id_line(path: Path) -> int | None:
    """The line of a file's top-level `id:` key."""
    text, _ = source_text.read(path, path.name)  # a byte-order mark is not part of line 1
    for number, line in enumerate((text or "").splitlines(), start=1):
        if re.match(r"id\s*:", line):
            return number
    return None


def newer_first(first: str, second: str, paths: dict[str, Path]) -> tuple[str, str]:
    """(the file changed last, the other): the one an author most likely just added or edited."""
    def mtime(source: str) -> int:
        try:
            return paths[source].stat().st_mtime_ns
        except (KeyError, OSError):
            return 0
    return (first, second) if mtime(first) > mtime(second) else (second, first)


def _duplicate(kept: Checklist, again: Checklist, paths: dict[str, Path]) -> ChecklistError:
    """Two files with one checklist id: reported on the newer file, naming the older one."""
    newer, older = newer_first(kept.source, again.source, paths)
    return ChecklistError(newer, "a checklist id used by one file only",
                          f"'{kept.id}', already the id of {older} (give this checklist a new id)",
                          line=id_line(paths[newer]), checklist=kept.id, field="id")


def check_guidance(checklist: Checklist, docs: DocsIndex) -> list[ChecklistError]:
    """Every item's guidance must name a page in docs/ and a heading on it."""
    errors = []
    for item in checklist.items:
        if not item.guidance:
            continue  # already reported as malformed
        page, anchor = item.guidance_page, item.guidance_anchor
        if page not in docs.anchors:
            near = difflib.get_close_matches(page, docs.anchors, n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            errors.append(ChecklistError(checklist.source, "a page that exists in docs/",
                                         f"'{page}', which does not exist{hint}", line=item.guidance_line,
                                         checklist=checklist.id, item=item.id, field="guidance"))
        elif anchor not in docs.anchors[page]:
            near = difflib.get_close_matches(anchor, docs.anchors[page], n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
            errors.append(ChecklistError(checklist.source, f"a heading id that exists on {page}",
                                         f"'#{anchor}', which is not a heading there{hint}",
                                         line=item.guidance_line, checklist=checklist.id, item=item.id,
                                         field="guidance"))
    return errors


def check_links(checklist: Checklist, docs: DocsIndex) -> list[ChecklistError]:
    """Every link to a page in a checklist's texts (summary, intros, items, advice) names a page of docs/ and a
    heading on it, relative to docs/ (macros/content/text_links.py)."""
    if not checklist.links:  # most checklists
        return []
    return text_links.link_problems(checklist.source, checklist.id or None, checklist.links, docs)
