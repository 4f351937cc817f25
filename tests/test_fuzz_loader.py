"""Random and mutated YAML never makes the loader raise anything but its own error type."""
from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.content.errors import ChecklistErrors
from macros.content.loader import parse_checklist

ROOT = Path(__file__).resolve().parent.parent
REAL = [p.read_text() for p in sorted((ROOT / "data" / "checklists").glob("*.yml"))]
FIELDS = ["id", "title", "version", "summary", "sections", "bands", "audience", "answers", "scale",
          "items", "text", "guidance", "weight", "min", "max", "label", "advice", "value", "intro"]
ODD_VALUES = ["[]", "{}", "-1", "0", "true", "~", "&a x", "*a", ".inf", "2026-01-01", '""', "!!binary aGk="]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(["internal", "public", "scale", "yes-no", "a#b",
                                                           "principles/trust.md#fair-price"]))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=6)), max_leaves=30)


def only_our_error(text: str) -> None:
    try:
        parse_checklist(text, "fuzz.yml")
    except ChecklistErrors as errors:
        assert errors.errors and all(str(e).startswith("fuzz.yml") for e in errors.errors)


@FAST
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    only_our_error(text)


@FAST
@given(documents)
def test_any_yaml_document(document: object) -> None:
    only_our_error(yaml.safe_dump(document))


@FAST
@given(st.sampled_from(REAL), st.data())
def test_mutated_real_checklists(source: str, data: st.DataObject) -> None:
    lines = source.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        kind = data.draw(st.sampled_from(["delete", "duplicate", "swap-value", "typo-key", "indent", "garbage"]))
        line = lines[i]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "swap-value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {data.draw(st.sampled_from(ODD_VALUES))}"
        elif kind == "typo-key" and ":" in line:
            lines[i] = line.replace(":", "x:", 1)
        elif kind == "indent":
            lines[i] = "  " + line
        else:
            lines[i] = data.draw(st.text(max_size=15))
    only_our_error("\n".join(lines))


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh"))
    bomb += "id: demo\ntitle: *h\n"
    only_our_error(bomb)
