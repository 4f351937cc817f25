"""The YAML bounds (macros/content/safe_yaml.py): exactly at each limit passes, one past it stops."""
from __future__ import annotations

import pytest
import yaml

from macros.content import safe_yaml
from macros.content.errors import ChecklistErrors


def nested(levels: int) -> str:
    return "[" * levels + "x" + "]" * levels


def test_nesting_up_to_the_limit_passes_and_one_more_level_stops() -> None:
    assert safe_yaml.parse(nested(safe_yaml.MAX_DEPTH)) == eval(nested(safe_yaml.MAX_DEPTH).replace("x", "'x'"))
    with pytest.raises(safe_yaml.YamlLimit) as caught:
        safe_yaml.parse(nested(safe_yaml.MAX_DEPTH + 1))
    assert caught.value.line == 1 and f"nested at most {safe_yaml.MAX_DEPTH} deep" in str(caught.value)


def test_aliases_count_as_everything_they_repeat() -> None:
    # base: a list of 999 values + the list itself = 1,000; each alias repeats all of it.
    base = "base: &base [" + ", ".join(["v"] * 999) + "]\n"
    fits = (safe_yaml.MAX_VALUES - 1_002) // 1_000  # keys and the top mapping count too
    safe_yaml.parse(base + "".join(f"k{n}: *base\n" for n in range(fits)))
    with pytest.raises(safe_yaml.YamlLimit):
        safe_yaml.parse(base + "".join(f"k{n}: *base\n" for n in range(fits + 2)))


def test_ordinary_anchors_and_merge_keys_still_work() -> None:
    text = ("defaults: &defaults {guidance: principles/trust.md#fair-price, weight: 2}\n"
            "items:\n  - {<<: *defaults, id: a}\n  - {<<: *defaults, id: b, weight: 1}\n")
    data = safe_yaml.parse(text)
    assert data["items"][1] == {"guidance": "principles/trust.md#fair-price", "weight": 1, "id": "b"}


def test_size_is_checked_before_anything_is_parsed() -> None:
    with pytest.raises(safe_yaml.YamlLimit) as caught:
        safe_yaml.parse("a: [" + "x" * safe_yaml.MAX_CHARS)  # also unclosed: the size is what is reported
    assert "1,000,000 characters" in str(caught.value)


def test_load_reports_one_line_naming_the_file_for_every_kind_of_failure() -> None:
    for text, expected in (("a: " + nested(50_000), "nested at most 20 deep"),
                           ("a: [unclosed", "the [ opened here is not closed"),
                           ("a: \x07", "valid YAML"),
                           ("!!python/name:os.system x", "valid YAML")):
        with pytest.raises(ChecklistErrors) as caught:
            safe_yaml.load(text, "data/extra/terms.yml")
        (error,) = caught.value.errors
        assert str(error).startswith("data/extra/terms.yml") and expected in str(error), str(error)
    assert safe_yaml.load("terms: [a, b]", "data/extra/terms.yml") == {"terms": ["a", "b"]}


def test_a_syntax_error_is_left_to_the_real_parse() -> None:
    safe_yaml.check_bounds("a: [unclosed")  # no limit passed: the parse explains the mistake
    with pytest.raises(yaml.MarkedYAMLError):
        safe_yaml.parse("a: [unclosed")
