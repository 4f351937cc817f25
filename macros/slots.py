"""Three renderings of one checklist: a placeholder for Markdown, a short stand-in, then the form.

A checklist form is 30 tags per item. Markdown, the search indexer and the
print version would each parse all of it on every checklist page, which at
handbook scale is a quarter of the build. So:

1. the macro returns an empty placeholder `<div>`, which Markdown passes
   through untouched (`hold`);
2. once Markdown is done, the placeholder gets the short stand-in (the items
   as a list, see render.render_paper) that search and the print version
   read (`stand_in`, the `on_page_content` hook);
3. once search has read the page, the stand-in is swapped for the form
   (`fill`, the `on_page_context` hook).

The search index gets the item texts without the form's repeated labels, the
print version gets a compact checklist, and the page gets the form, byte for
byte as rendered.
"""
from __future__ import annotations

import hashlib
import re

PLACEHOLDER = re.compile(r'<div class="pb-slot" data-pb-slot="([0-9a-f]+)"></div>')
SLOT = re.compile(r'<div class="pb-slot" data-pb-slot="([0-9a-f]+)">.*?</div>', re.DOTALL)


class Slots:
    """Checklists waiting for their page's placeholder to be filled."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[str, str]] = {}

    def hold(self, stand_in: str, html: str) -> str:
        """An empty, marked <div>; `stand_in` and `html` are kept for `stand_in` and `fill`."""
        if "<div" in stand_in or "</div" in stand_in:
            raise ValueError("a stand-in must not contain <div> elements")
        key = hashlib.sha1(html.encode("utf-8")).hexdigest()[:16]  # the same in every build: pages stay reproducible
        self._held[key] = (stand_in, html)
        return f'<div class="pb-slot" data-pb-slot="{key}"></div>'

    def stand_in(self, html: str) -> str:
        """Put each held stand-in into its placeholder in `html`."""
        if "data-pb-slot" not in html:
            return html
        return PLACEHOLDER.sub(self._with_stand_in, html)

    def fill(self, html: str) -> str:
        """Replace every placeholder or stand-in in `html` by the form it holds."""
        if "data-pb-slot" not in html:
            return html
        return SLOT.sub(lambda m: self._held[m.group(1)][1] if m.group(1) in self._held else m.group(0), html)

    def _with_stand_in(self, match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in self._held:
            return match.group(0)
        return f'<div class="pb-slot" data-pb-slot="{key}">{self._held[key][0]}</div>'

    def __len__(self) -> int:
        return len(self._held)
