"""The checklist form: escaped author text, labelled native inputs, useful without JavaScript."""
from __future__ import annotations

import json
from html.parser import HTMLParser

from hypothesis import given, settings, strategies as st

from macros.content.loader import parse_checklist
from macros.render.checklist import render_checklist
from macros.render.text import inline

HOSTILE = '''id: hostile
title: "<script>alert(1)</script> Title"
version: 1
summary: "A [link](javascript:alert(1)) and <img src=x onerror=alert(1)>"
bands:
  - {min: 0, max: 100, label: "<b>band</b>", advice: "</script><script>alert(2)</script>"}
sections:
  - id: s
    title: "Section \\" onmouseover=\\"x"
    items:
      - id: a
        text: "Plain **bold** and `code` and <script>alert(3)</script>"
        guidance: principles/trust.md#fair-price
      - id: b
        text: "[ok](https://example.org) [bad](javascript:alert(4)) [data](data:text/html,x)"
        guidance: principles/trust.md#favours
'''


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.wrapped: list[dict[str, str | None]] = []  # inputs inside a <label>: labelled by it
        self._in_script = False
        self._labels = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, found := dict(attrs)))
        self._in_script = tag == "script"
        self._labels += tag == "label"
        if tag in ("input", "textarea") and self._labels:
            self.wrapped.append(found)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        self._labels -= tag == "label" and self._labels > 0

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def render(text: str = HOSTILE) -> tuple[str, Collector]:
    checklist = parse_checklist(text, "hostile.yml")
    html = render_checklist(checklist, lambda g: "../" + g.replace(".md#", "/#"))
    parser = Collector()
    parser.feed(html)
    return html, parser


def test_author_text_cannot_inject_markup_or_script() -> None:
    html, parser = render()
    tags = [t for t, _ in parser.tags]
    assert tags.count("script") == 0
    assert "img" not in tags and "b" not in tags
    for _, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert not (attrs.get("href") or "").lower().startswith(("javascript:", "data:"))
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html


def test_json_data_is_parseable_and_inert() -> None:
    _, parser = render()
    form = next(a for t, a in parser.tags if t == "form")
    blob = form["data-pb-data"]
    assert "<" not in blob and ">" not in blob
    data = json.loads(blob)
    assert data["bands"][0]["advice"] == "</script><script>alert(2)</script>"
    assert [i["id"] for s in data["sections"] for i in s["items"]] == ["a", "b"]


def test_band_advice_reaches_the_results_panel_without_markdown_marks() -> None:
    """results.js and the Markdown export show a band's advice as text: its links and marks become plain words."""
    from macros.render.checklist import checklist_data
    checklist = parse_checklist(HOSTILE.replace('advice: "</script><script>alert(2)</script>"',
                                               'advice: "Read **the** [trust page](https://example.org) first"'), "x.yml")
    assert checklist_data(checklist, lambda target: target)["bands"][0]["advice"] == "Read the trust page first"


def test_inline_markdown_subset() -> None:
    assert inline("**bold** and *it* and `a<b`") == "<strong>bold</strong> and <em>it</em> and <code>a&lt;b</code>"
    assert inline("[x](https://example.org)") == '<a href="https://example.org">x</a>'
    assert "href" not in inline("[x](javascript:alert(1))")
    assert "href" not in inline("[x](JaVaScRiPt:alert(1))")


def test_every_input_is_labelled_and_grouped() -> None:
    html, parser = render()
    ids = [a["id"] for t, a in parser.tags if a.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    label_for = {a["for"] for t, a in parser.tags if t == "label" and a.get("for")}
    inputs = [a for t, a in parser.tags if t in ("input", "textarea")]
    # Each control has a label: one that names its id, or the one it sits in (the answers: no id to repeat).
    assert inputs and all(a.get("id") in label_for or any(a is w for w in parser.wrapped) for a in inputs)
    assert all(a.get("id") is None for a in parser.wrapped)
    radios = [a for t, a in parser.tags if t == "input"]
    assert {a["value"] for a in radios if a["name"] == "a"} == {"1", "0", "na"}
    assert sum(1 for t, _ in parser.tags if t == "fieldset") == 1 + 2  # one section, two items
    assert sum(1 for t, _ in parser.tags if t == "legend") == 3


def test_no_javascript_form_carries_the_scoring_key() -> None:
    html, parser = render()
    form = next(a for t, a in parser.tags if t == "form")
    assert form["data-pb-checklist"] == "hostile" and form["action"] == "#"
    assert "How to read your score" in html and "0–100%" in html
    hrefs = [a["href"] for t, a in parser.tags if t == "a" and "pb-item__guidance" in (a.get("class") or "")]
    assert hrefs == ["../principles/trust/#fair-price", "../principles/trust/#favours"]


def test_short_list_for_search_and_print_is_escaped_and_complete() -> None:
    from macros.render.checklist import render_paper

    checklist = parse_checklist(HOSTILE, "hostile.yml")
    paper = render_paper(checklist, lambda g: "../" + g.replace(".md#", "/#"))
    parser = Collector()
    parser.feed(paper)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "img" not in tags and "div" not in tags
    assert tags.count("li") == len(checklist.items)
    assert [a["href"] for t, a in parser.tags if t == "a" and "pb-" not in (a.get("class") or "")][-2:] == [
        "https://example.org", "../principles/trust/#favours"]
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in paper


def test_slots_give_markdown_print_search_and_page_each_their_rendering() -> None:
    import pytest

    from macros.build.slots import Slots

    slots = Slots()
    form, other = "<form id=a><div>one</div></form>", "<form id=b></form>"
    page = (f"<p>before</p>{slots.hold('<ol><li>x (guidance)</li></ol>', '<ol><li>x</li></ol>', form)}"
            f"<p>mid</p>{slots.hold('<p>y (guidance)</p>', '<p>y</p>', other)}")
    again = slots.hold("<ol><li>x (guidance)</li></ol>", "<ol><li>x</li></ol>", form)  # the same checklist twice
    assert "<li>" not in page + again and "form" not in page + again  # Markdown only sees empty placeholders
    printed = slots.for_print(page + again)
    assert printed.count("<li>x (guidance)</li>") == 2 and printed.count("<p>y (guidance)</p>") == 1
    assert slots.for_print(printed) == printed
    indexed = slots.for_search(printed)
    assert "guidance" not in indexed and indexed.count("<li>x</li>") == 2 and "<p>y</p>" in indexed
    assert "form" not in indexed
    expected = f"<p>before</p>{form}<p>mid</p>{other}{form}"
    assert slots.fill(indexed) == slots.fill(printed) == slots.fill(page + again) == expected
    assert slots.fill("<p>no stand-in</p>") == "<p>no stand-in</p>"
    with pytest.raises(ValueError):
        slots.hold("<div>nested</div>", "<p>ok</p>", form)


TEXT = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(
    list("ab _*`[]()&<>\"':/.#\x00") + ["http://x", "javascript:", "[x](http://y)", "**b**", "`c`"]),
    max_size=12).map("".join))


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_the_fast_path_for_plain_text_gives_what_the_full_pass_gives(text: str) -> None:
    """inline() and plain() return text with no special character as it is; the full pass must agree."""
    import re

    from macros.render import text as render

    fast = (render.inline(text), render.plain(text))
    always = re.compile("")  # matches every text: forces the full pass
    saved = render.INLINE_SPECIAL, render.PLAIN_SPECIAL
    render.INLINE_SPECIAL = render.PLAIN_SPECIAL = always
    try:
        assert (render.inline(text), render.plain(text)) == fast
    finally:
        render.INLINE_SPECIAL, render.PLAIN_SPECIAL = saved


def test_notes_sit_closed_behind_add_a_note_with_their_label() -> None:
    html, parser = render()
    details = [a for t, a in parser.tags if t == "details"]
    assert len(details) == 2 and all(a.get("class") == "pb-item__note" and "open" not in a for a in details)
    assert html.count("<summary>Add a note</summary>") == 2
    for note in ("a", "b"):
        block = html.split(f'data-pb-item="{note}"')[1].split("</details>")[0]
        assert "<summary>Add a note</summary>" in block and f'<label for="pb-hostile-{note}--note">' in block
