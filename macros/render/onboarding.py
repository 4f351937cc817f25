"""An onboarding programme as a form of steps for its page, and as plain lists for print and search."""
from __future__ import annotations

import html
import json
from typing import Callable

from macros.content.onboarding import Path_, Step
from macros.render.checklist import BOX
from macros.render.text import inline


# Loaded by the pages that show a programme, not by every page (docs-relative asset paths; macros/build/hooks.py minifies them).
SCRIPTS = ("assets/javascripts/onboarding.js",)


def in_programme(url: str, programme: str) -> str:
    """A step's link that says which programme the reader follows (`?programme=<id>`, before any `#heading`).

    Programme ids are slugs (checked by macros/content/onboarding.py), so the id needs no encoding.
    """
    page, hash_, anchor = url.partition("#")
    return f"{page}?programme={programme}{hash_}{anchor}"


def render_path(path: Path_, link: Callable[[str], str], asset: Callable[[str], str]) -> str:
    """The programme as a form of checkboxes: printable and usable without JavaScript.

    `asset` links the component's script from the page (`defer`: it runs after playbook.js, whose pbKit it
    uses; Material's instant navigation loads it again when it brings the page in).
    """
    total = len(path.steps)
    e = html.escape

    def step_link(s: Step) -> str:
        return in_programme(link(s.page), path.id)

    parts = [f'<form class="pb-path" id="pb-path-{e(path.id)}" data-pb-path="{e(path.id)}" '
             f'data-pb-data="{e(json.dumps({"id": path.id, "title": path.title, "steps": [[s.id, s.title, step_link(s)] for s in path.steps]}))}" action="#">',
             f'<p class="pb-path__summary">{inline(path.summary, link)}</p>',
             f'<p class="pb-path__progress"><label for="pb-path-{e(path.id)}-bar">Progress</label> '
             f'<progress id="pb-path-{e(path.id)}-bar" value="0" max="{total}">0 of {total}</progress> '
             f'<span class="pb-path__count" aria-live="polite">0 of {total} steps done</span></p>']
    for module in path.modules:
        parts.append(f'<fieldset class="pb-path__module" id="pb-path-{e(path.id)}-{e(module.id)}">'
                     f'<legend class="pb-path__title">{e(module.title)}</legend><ol class="pb-path__steps">')
        for step in module.steps:
            box = f"pb-path-{e(path.id)}-{e(step.id)}"
            # The box sits inside its label: the print page renames ids, which would orphan a `for`.
            parts.append(f'<li class="pb-path__step"><label><input type="checkbox" id="{box}" name="{e(step.id)}"> '
                         f'{e(step.title)}</label> '
                         f'(<a class="pb-path__open" href="{e(step_link(step))}">open</a>)<br><span class="pb-path__outcome">{inline(step.outcome, link)}</span></li>')
        parts.append("</ol></fieldset>")
    parts.append('<div class="pb-path__done" data-pb-path-summary></div></form>')
    parts.extend(f'<script defer src="{e(asset(script))}"></script>' for script in SCRIPTS)
    return "\n".join(parts)


def render_path_paper(path: Path_, link: Callable[[str], str], *, links: bool = True) -> str:
    """The programme as plain numbered lists: what the print version (and the PDF) and search read.

    No form controls or progress bar: on paper (`links`) each step starts with an empty box to tick with a pen.
    Without `links` (search), step titles are plain text with no box.
    """
    e = html.escape
    parts = [f'<p class="pb-path__summary">{inline(path.summary, link)}</p>']
    for module in path.modules:
        parts.append(f'<p class="pb-path__title"><strong>{e(module.title)}</strong></p><ol class="pb-path__steps">')
        for step in module.steps:
            title = (f'<span class="pb-paper__box">{BOX}</span> <a href="{e(link(step.page))}">{e(step.title)}</a>'
                     if links else e(step.title))
            parts.append(f'<li class="pb-path__step">{title}<br><span class="pb-path__outcome">{inline(step.outcome, link)}</span></li>')
        parts.append("</ol>")
    return "\n".join(parts)
