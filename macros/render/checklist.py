"""A checklist as an HTML form that reads, works and prints without JavaScript.

Author text is escaped first; only a small inline Markdown subset is turned
back into markup (**bold**, *italic*, `code`, [links](https://...)): a link to
another site as written, a link to a page of docs/ through `link`, like guidance.
The element structure is the contract with playbook.js (CONTRIBUTING.md).
The data travels in an attribute, not a <script>: Material's instant
navigation re-creates inline scripts without their type and would run it.
"""
from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable

from macros.content.model import Checklist, Item, ScalePoint, Section
from macros.render.text import inline, plain

Linker = Callable[[str], str]


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _weight(weight: float) -> str:
    return str(int(weight)) if float(weight).is_integer() else repr(float(weight))


def checklist_data(checklist: Checklist, link: Linker, *, lean: bool = False) -> dict[str, object]:
    """What the JavaScript needs to score, save and export; already filtered for the edition.

    `lean` leaves out what the form already shows (each section's title, each item's text, weight and
    guidance link): the form's own data, which checklist/state.js completes from the form's markup, so a
    page does not carry every item twice. The portfolio, which has no forms, gets the whole data.

    In the internal edition, internal items carry `"internal": true` so that
    "Export for partner" can leave them out; the partner edition has none.
    An item about one side carries `"side"` (`ours` or `theirs`) and its `"mirror"` (the item the other side
    answers about the same thing), which the comparison and the roll-up line up; an item about the
    partnership as a whole carries neither.
    """
    def item(i: Item, s: Section) -> dict[str, object]:
        shown = {} if lean else {"text": plain(i.text), "weight": i.weight, "guidance": link(i.guidance)}
        return ({"id": i.id} | shown
                | ({"internal": True} if "internal" in (checklist.audience, s.audience, i.audience) else {})
                | ({"side": i.side} if i.side != "both" else {}) | ({"mirror": i.mirror} if i.mirror else {})
                | ({"replaces": list(i.replaces)} if i.replaces else {}))

    return {
        "id": checklist.id,
        "title": checklist.title,
        "version": checklist.version,
        "answers": checklist.answers,
        "about": checklist.about,
        "scale": [{"value": p.value, "label": p.label} for p in checklist.points],
        "max": checklist.max_value,
        "bands": [{"min": b.min, "max": b.max, "label": b.label, "advice": plain(b.advice)}  # shown as text by results.js
                  for b in checklist.bands],
        "sections": [({"id": s.id} if lean else {"id": s.id, "title": s.title})
                     | {"items": [item(i, s) for i in s.items]} for s in checklist.sections],
    }


def json_script(data: object) -> str:
    """Compact JSON that stays inert wherever it is placed (no <, > or &)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.lru_cache(maxsize=64)
def _choices(points: tuple[ScalePoint, ...]) -> tuple[tuple[str, str], ...]:
    """(value as an attribute, label as HTML) for each answer: escaped once per scale, not once per item."""
    return tuple((_attr(p.value), html.escape(p.label)) for p in points) + (("na", "Not applicable"),)


def render_item(checklist: Checklist, item: Item, link: Linker, guidance_label: Callable[[Item], str]) -> str:
    cid, iid = checklist.id, item.id
    base, name = f"pb-{cid}-{iid}", _attr(iid)
    radios = "\n".join(
        f'<label class="pb-choice"><input type="radio" name="{name}" value="{value}"> {label}</label>'
        for value, label in _choices(checklist.points))
    return (
        f'<div class="pb-item" id="{base}" data-pb-item="{name}" data-pb-weight="{_weight(item.weight)}">\n'
        f'<fieldset class="pb-item__answer">\n'
        f'<legend class="pb-item__text">{inline(item.text, link)}</legend>\n'
        f'<div class="pb-item__choices">\n{radios}\n</div>\n'
        f"</fieldset>\n"
        f'<p class="pb-item__meta"><a class="pb-item__guidance" href="{_attr(link(item.guidance))}">'
        f"{html.escape(guidance_label(item))}</a>"
        + (f' <span class="pb-item__weight">Weight {_weight(item.weight)}</span>' if item.weight != 1 else "")
        + "</p>\n"
        # A note is kept up to 5,000 characters (checklist/notes.js, kit/answers.js): the field takes no more, so what
        # it shows is what is saved.
        f'<details class="pb-item__note"><summary>Add a note</summary>\n'
        f'<label for="{base}--note">Note (evidence, owner, next step)</label>\n'
        f'<textarea id="{base}--note" name="{name}--note" rows="2" maxlength="5000"></textarea></details>\n'
        f"</div>")


def render_section(checklist: Checklist, section: Section, link: Linker,
                   guidance_label: Callable[[Item], str]) -> str:
    intro = f'<p class="pb-section__intro">{inline(section.intro, link)}</p>\n' if section.intro else ""
    items = "\n".join(render_item(checklist, i, link, guidance_label) for i in section.items)
    return (f'<fieldset class="pb-section" id="pb-{checklist.id}-{section.id}" data-pb-section="{_attr(section.id)}">\n'
            f'<legend class="pb-section__title">{html.escape(section.title)}</legend>\n'
            f"{intro}{items}\n</fieldset>")


def score_rule(checklist: Checklist) -> str:
    """How a score is worked out, in words (escaped HTML): the form's key and the printed checklist share it."""
    if checklist.answers == "scale":
        labels = ", ".join(f"{html.escape(p.label)} = {p.value}" for p in checklist.points)
        how = (f"Score each item {labels}, divide by {checklist.max_value}, multiply by its weight; "
               "add these up and divide by the total weight of the items you answered.")
    else:
        how = ("Count each Yes as its weight; divide by the total weight of the items "
               "you answered Yes or No.")
    return f'{how} "Not applicable" items do not count.'


def bands_table(checklist: Checklist, css: str, link: Linker) -> str:
    """The bands as a table with its caption (escaped HTML), on screen and on paper."""
    rows = "\n".join(
        f"<tr><td>{b.min}–{b.max}%</td><td>{html.escape(b.label)}</td><td>{inline(b.advice, link)}</td></tr>"
        for b in checklist.bands)
    return (f'<table class="{css}"><caption>How to read your score</caption>\n'
            f'<thead><tr><th scope="col">Score</th><th scope="col">Result</th><th scope="col">What to do</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody></table>")


def render_bands(checklist: Checklist, link: Linker) -> str:
    return (f'<div class="pb-results" data-pb-results>\n'
            f'<h2 class="pb-results__title" id="pb-{checklist.id}-results">Results</h2>\n'
            f'<p class="pb-results__how">{score_rule(checklist)}</p>\n'
            f'{bands_table(checklist, "pb-bands", link)}\n</div>')


PORTFOLIO_LINK = "See all your partnerships on the partner portfolio"
# On a checklist with items about one side: whoever reads it, "we" is the reader's own company.
SIDES_NOTE = ("Answer from your own company's side: \u201cwe\u201d and \u201cour\u201d mean your company, "
              "\u201cthe partner\u201d means the other company. Some items ask the same thing about each side; "
              "a joint review sets your answer about one side against the other company's answer about that same side.")


def render_checklist(checklist: Checklist, link: Linker,
                     guidance_label: Callable[[Item], str] | None = None, portfolio: str | None = None) -> str:
    """The whole form. `link` turns `page.md#anchor` into an href for the current page.

    `portfolio` is the URL of the partner portfolio page from this page, when the site has one: a link to it
    goes under the version line, unless the checklist is about a person (the board has no column for it).
    """
    label = guidance_label or (lambda item: "Guidance")
    sections = "\n".join(render_section(checklist, s, link, label) for s in checklist.sections)
    data = json_script(checklist_data(checklist, link, lean=True))
    return (
        f'<form class="pb-checklist" id="pb-checklist-{checklist.id}" data-pb-checklist="{_attr(checklist.id)}" '
        f'data-pb-version="{checklist.version}" data-pb-answers="{_attr(checklist.answers)}" '
        f'data-pb-data="{_attr(data)}" action="#" novalidate>\n'
        f'<p class="pb-checklist__summary">{inline(checklist.summary, link)}</p>\n'
        f'<p class="pb-checklist__version">Version {checklist.version}</p>\n'
        + (f'<p class="pb-checklist__portfolio"><a href="{_attr(portfolio)}">{PORTFOLIO_LINK}</a></p>\n'
           if portfolio and checklist.about == "partnership" else "")
        + (f'<p class="pb-checklist__sides">{html.escape(SIDES_NOTE, quote=False)}</p>\n'
           if any(item.side != "both" for item in checklist.items) else "")
        + f"{sections}\n{render_bands(checklist, link)}\n</form>")


BOX = "\u2610"  # BALLOT BOX: an empty box to tick with a pen (DejaVu Sans, Debian's default font, has it)


def render_paper(checklist: Checklist, link: Linker, guidance_label: Callable[[Item], str] | None = None, *,
                 guidance: bool = True) -> str:
    """The checklist as a short list (see slots.py).

    The print version (`guidance=True`) is a form to fill in with a pen: an empty box before every answer,
    item numbers that run through the whole checklist (1..N across sections), each item's weight when it is
    not 1, a link to its guidance, then the scoring rule and the bands. Search gets `guidance=False`: the
    item texts alone, so that a search for a heading finds that heading rather than every item pointing at it.
    """
    if not guidance:
        parts = [f'<p class="pb-paper__summary">{inline(checklist.summary, link)}</p>']
        for section in checklist.sections:
            parts.append(f'<p class="pb-paper__section"><strong>{html.escape(section.title)}</strong></p>')
            if section.intro:
                parts.append(f'<p class="pb-paper__intro">{inline(section.intro, link)}</p>')
            items = "".join(f"<li>{inline(item.text, link)}</li>" for item in section.items)
            parts.append(f'<ol class="pb-paper__items">{items}</ol>')
        return "\n".join(parts)
    label = guidance_label or (lambda item: "Guidance")
    boxes = "".join(f'<span class="pb-paper__choice"><span class="pb-paper__box">{BOX}</span>\u00a0{text}</span> '
                    for _, text in _choices(checklist.points))
    parts = [f'<p class="pb-paper__summary">{inline(checklist.summary, link)} Version {checklist.version}.</p>',
             '<p class="pb-paper__how">Tick one box for each statement. '
             "The score and what it means are at the end of the checklist.</p>"]
    number = 1
    for section in checklist.sections:
        parts.append(f'<p class="pb-paper__section"><strong>{html.escape(section.title)}</strong></p>')
        if section.intro:
            parts.append(f'<p class="pb-paper__intro">{inline(section.intro, link)}</p>')
        items = "".join(
            f'<li class="pb-paper__item">{inline(item.text, link)} (<a href="{_attr(link(item.guidance))}">'
            f"{html.escape(label(item))}</a>)"
            + (f" <em>Weight {_weight(item.weight)}</em>" if item.weight != 1 else "")
            + f'<br><span class="pb-paper__choices">{boxes.rstrip()}</span></li>'
            for item in section.items)
        parts.append(f'<ol class="pb-paper__items" start="{number}">{items}</ol>')
        number += len(section.items)
    parts.append(f'<p class="pb-paper__key"><strong>Your score.</strong> {score_rule(checklist)}</p>')
    parts.append(bands_table(checklist, "pb-paper__bands", link))
    return "\n".join(parts)
