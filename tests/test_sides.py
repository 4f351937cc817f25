"""Whom an item is about (`side: both | ours | theirs`) and its `mirror`: the loader, the form data, the checklists."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.content.errors import ChecklistErrors
from macros.content.loader import load_catalog, parse_checklist
from macros.render.checklist import checklist_data, render_checklist, SIDES_NOTE

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "data" / "checklists", ROOT / "docs", root=ROOT)
SOURCE = "data/checklists/demo.yml"
HEAD = ("id: demo\ntitle: Demo\nversion: 1\nsummary: A demo.\n{about}"
        "bands:\n  - {{min: 0, max: 100, label: All, advice: Fine.}}\nsections:\n")


def item(iid: str, *extra: str, weight: int | None = None) -> str:
    lines = [f"      - id: {iid}", f"        text: Item {iid}.", "        guidance: principles/trust.md#fair-price"]
    lines += [f"        weight: {weight}"] if weight is not None else []
    return "\n".join(lines + [f"        {e}" for e in extra]) + "\n"


def section(sid: str, *items: str, audience: str = "") -> str:
    return (f"  - id: {sid}\n    title: {sid.upper()}\n" + (f"    audience: {audience}\n" if audience else "")
            + "    items:\n" + "".join(items))


def doc(*sections: str, about: str = "") -> str:
    return HEAD.format(about=f"about: {about}\n" if about else "") + "".join(sections)


def errors(text: str) -> list[str]:
    with pytest.raises(ChecklistErrors) as caught:
        parse_checklist(text, SOURCE)
    return [str(e) for e in caught.value.errors]


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[:text.index(needle, start)].count("\n") + 1


PAIR = (item("we-told", "side: ours", "mirror: they-told") + item("they-told", "side: theirs", "mirror: we-told"))


def test_side_defaults_to_both_and_a_pair_reads_both_ways() -> None:
    checklist = parse_checklist(doc(section("s", item("shared"), PAIR)), SOURCE)
    got = {i.id: (i.side, i.mirror) for i in checklist.items}
    assert got == {"shared": ("both", None), "we-told": ("ours", "they-told"), "they-told": ("theirs", "we-told")}


def test_form_data_carries_side_and_mirror_only_for_items_about_one_side() -> None:
    checklist = parse_checklist(doc(section("s", item("shared"), PAIR)), SOURCE)
    items = checklist_data(checklist, lambda target: target)["sections"][0]["items"]
    assert "side" not in items[0] and "mirror" not in items[0]
    assert (items[1]["side"], items[1]["mirror"]) == ("ours", "they-told")
    assert (items[2]["side"], items[2]["mirror"]) == ("theirs", "we-told")


def test_the_page_tells_each_side_that_we_means_its_own_company() -> None:
    with_sides = render_checklist(parse_checklist(doc(section("s", PAIR)), SOURCE), lambda t: t)
    without = render_checklist(parse_checklist(doc(section("s", item("shared"))), SOURCE), lambda t: t)
    assert SIDES_NOTE in with_sides and SIDES_NOTE not in without


def test_unknown_side_names_value_and_the_near_miss() -> None:
    text = doc(section("s", item("a", "side: Ours", "mirror: b"), item("b", "side: theirs", "mirror: a")))
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'side: Ours')}: checklist 'demo', item 'a', field 'side': expected whom the item is "
        "about: 'both' (the partnership as a whole; the default), 'ours' (our own side) or 'theirs' (the other side), "
        "spelt exactly so, found the text 'Ours' (did you mean 'ours'?)"]  # and nothing more about its pair


def test_a_mirror_on_an_item_about_both_sides() -> None:
    text = doc(section("s", item("a", "mirror: b"), item("b", "side: theirs", "mirror: a")))
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'mirror: b')}: checklist 'demo', item 'a', field 'mirror': expected a mirror only on "
        "an item about one side: add 'side: ours' or 'side: theirs', or remove the mirror (an item about the "
        "partnership as a whole is compared as it is), found mirror: b on an item about both sides",
        f"{SOURCE}:{line_of(text, 'mirror: a')}: checklist 'demo', item 'b', field 'mirror': expected a mirror about "
        "the other side: item 'a' with 'side: ours', found item 'a', which is about both sides (side: both)"]


def test_one_side_without_a_mirror() -> None:
    text = doc(section("s", item("our-plan", "side: ours")))
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'side: ours')}: checklist 'demo', item 'our-plan', field 'side': expected a 'mirror:' "
        "line naming the item that asks the same about the other side (like 'mirror: partner-plan'), because the "
        "other side answers that one, found side: ours with no mirror"]


def test_an_internal_item_about_one_side_needs_no_mirror() -> None:
    checklist = parse_checklist(doc(section("s", item("a"), item("ours-only", "side: ours", "audience: internal"))), SOURCE)
    assert checklist.items[1].side == "ours" and checklist.items[1].mirror is None
    in_internal_section = doc(section("s", item("a")), section("t", item("theirs-only", "side: theirs"), audience="internal"))
    assert parse_checklist(in_internal_section, SOURCE).items[1].mirror is None


def test_a_mirror_that_does_not_exist() -> None:
    text = doc(section("s", item("we-told", "side: ours", "mirror: they-tld"), item("they-told", "side: theirs", "mirror: we-told")))
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'mirror: they-tld')}: checklist 'demo', item 'we-told', field 'mirror': expected the id "
        "of an item of this checklist, found 'they-tld', which is not an item here (did you mean 'they-told'?)",
        f"{SOURCE}:{line_of(text, 'mirror: we-told')}: checklist 'demo', item 'they-told', field 'mirror': expected a "
        "mirror that names this item back: 'mirror: they-told' on item 'we-told', found item 'we-told' with "
        "'mirror: they-tld'"]


def test_a_mirror_of_itself() -> None:
    text = doc(section("s", item("a", "side: ours", "mirror: a")))
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'mirror: a')}: checklist 'demo', item 'a', field 'mirror': expected the id of another "
        "item, the one asking the same about the other side, found 'a', this item's own id"]


def test_a_mirror_not_mirrored_back() -> None:
    text = doc(section("s", item("a", "side: ours", "mirror: b"), item("b", "side: theirs", "mirror: c"),
                       item("c", "side: ours", "mirror: b")))
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'mirror: b')}: checklist 'demo', item 'a', field 'mirror': expected a mirror that "
        "names this item back: 'mirror: a' on item 'b', found item 'b' with 'mirror: c'"]
    text = doc(section("s", item("a", "side: ours", "mirror: b"), item("b", "side: theirs")))
    assert errors(text)[0] == (
        f"{SOURCE}:{line_of(text, 'mirror: b')}: checklist 'demo', item 'a', field 'mirror': expected a mirror that "
        "names this item back: 'mirror: a' on item 'b', found item 'b' with no mirror")


def test_a_mirror_on_the_same_side() -> None:
    text = doc(section("s", item("a", "side: theirs", "mirror: b"), item("b", "side: theirs", "mirror: a")))
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'mirror: b')}: checklist 'demo', item 'a', field 'mirror': expected a mirror about the "
        "other side: item 'b' with 'side: ours', found item 'b', which is about the same side (side: theirs)",
        f"{SOURCE}:{line_of(text, 'mirror: a')}: checklist 'demo', item 'b', field 'mirror': expected a mirror about the "
        "other side: item 'a' with 'side: ours', found item 'a', which is about the same side (side: theirs)"]


@pytest.mark.parametrize("where", ["item", "section"])
def test_a_mirror_with_another_audience(where: str) -> None:
    hidden = item("b", "side: theirs", "mirror: a", *(["audience: internal"] if where == "item" else []))
    sections = ((section("s", item("a", "side: ours", "mirror: b"), hidden),) if where == "item" else
                (section("s", item("a", "side: ours", "mirror: b")), section("t", hidden, audience="internal")))
    text = doc(*sections)
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'mirror: b')}: checklist 'demo', item 'a', field 'mirror': expected both items of a "
        "mirrored pair in the same edition (both internal, or neither), found 'a' is public, 'b' is internal (the "
        "partner edition would show one without the other)"]


def test_a_mirror_with_another_weight() -> None:
    text = doc(section("s", item("a", "side: ours", "mirror: b", weight=2), item("b", "side: theirs", "mirror: a")))
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'mirror: b')}: checklist 'demo', item 'a', field 'mirror': expected the same weight on "
        "both items of a mirrored pair, so that each side's overall score weighs both sides alike, found weight 2 on "
        "'a', 1 on 'b'"]


def test_a_weight_already_reported_is_not_compared_with_its_mirror() -> None:
    """`weight: high` is one mistake: its pair is not said to have 'weight 1', a value the author never wrote."""
    text = doc(section("s", item("a", "side: ours", "mirror: b", "weight: high"),
                       item("b", "side: theirs", "mirror: a", weight=2)))
    found = errors(text)
    assert len(found) == 1 and "field 'weight'" in found[0], found


def test_a_mirror_that_is_not_an_id() -> None:
    text = doc(section("s", item("a", "side: ours", "mirror: The B item")))
    assert errors(text) == [
        f"{SOURCE}:{line_of(text, 'mirror: The')}: checklist 'demo', item 'a', field 'mirror': expected an id of "
        "lowercase letters, digits and hyphens (like 'fair-price'), found the text 'The B item'"]


@pytest.mark.parametrize("extra", [("side: ours", "mirror: b"), ("side: both",)])
def test_no_side_on_a_checklist_about_a_person(extra: tuple[str, ...]) -> None:
    text = doc(section("s", item("a", *extra), item("b", "side: theirs", "mirror: a")), about="person")
    found = errors(text)
    assert found[0] == (
        f"{SOURCE}:{line_of(text, 'side: ')}: checklist 'demo', item 'a', field 'side': expected no 'side' on a checklist "
        f"about a person: there is no other side to compare with (remove the line, or remove 'about: person'), "
        f"found side: {extra[0].split(': ')[1]}")
    assert all("about a person" in message for message in found)
    assert len(found) == len(extra) + 2


# -- The checklists of the playbook ------------------------------------------------
PARTNERSHIP = [c for c in CATALOG if c.about == "partnership"]


def test_the_four_partnership_checklists_say_whom_items_are_about() -> None:
    assert {c.id for c in PARTNERSHIP} == {"partner-fit", "win-win-readiness", "health-check", "joint-planning"}
    for checklist in PARTNERSHIP:
        sides = {i.side for i in checklist.items}
        assert sides == {"both", "ours", "theirs"}, checklist.id


def test_the_pairs_the_issue_names() -> None:
    items = {i.id: i for i in CATALOG["joint-planning"].items}
    assert (items["our-interests"].side, items["our-interests"].mirror) == ("ours", "their-interests")
    assert (items["their-interests"].side, items["their-interests"].mirror) == ("theirs", "our-interests")
    assert items["we-contribute"].side == "ours" and items[items["we-contribute"].mirror].side == "theirs"
    assert {i.id: i.side for i in CATALOG["health-check"].items}["common-future"] == "both"


def test_the_documented_partner_export_scores_as_it_says() -> None:
    import json
    import re
    from macros.content.scoring import score
    doc = (ROOT / "docs" / "reference" / "export-format.md").read_text()
    example = json.loads(re.search(r'```json title="partner-fit-contoso-2026-11-24.json"\n(.*?)```', doc, re.DOTALL).group(1))
    assert example["side"] == "partner"
    items = {i.id: i for i in CATALOG["partner-fit"].items}
    assert items["champion"].mirror in example["answers"]  # the example shows a mirrored pair answered
    result = score(CATALOG["partner-fit"], example["answers"])
    assert example["result"]["overall"] == result.overall and example["result"]["band"] == result.band.label
    assert {k: v for k, v in result.sections.items() if v is not None} == example["result"]["sections"]
