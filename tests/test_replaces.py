"""An item's `replaces:` (issue 21 item 4, the loader's side): in the model and in the form's data."""
from __future__ import annotations

from pathlib import Path

from macros.content.loader import parse_checklist
from macros.render.checklist import checklist_data

DEMO = (Path(__file__).parent / "bad_inputs" / "weight-nan.yml").read_text().replace("        weight: .nan\n", "")
GUIDANCE = "        guidance: principles/trust.md#fair-price\n"


def test_one_id_or_a_list_becomes_a_tuple_and_only_renamed_items_carry_it_in_the_form_data() -> None:
    text = DEMO.replace(GUIDANCE, GUIDANCE + "        replaces: old-first\n") + (
        "      - id: second\n        text: We share plans.\n" + GUIDANCE + "        replaces: [plan, old-plan]\n"
        "      - id: third\n        text: We meet.\n" + GUIDANCE)
    checklist = parse_checklist(text, "demo.yml")
    assert [item.replaces for item in checklist.items] == [("old-first",), ("plan", "old-plan"), ()]
    items = checklist_data(checklist, lambda target: target)["sections"][0]["items"]
    assert [item.get("replaces") for item in items] == [["old-first"], ["plan", "old-plan"], None]
    assert "replaces" not in items[2]
