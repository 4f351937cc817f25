"""Two renderings of one checklist: a short stand-in while the page is processed, the form at the end.

A checklist form is 30 tags per item. Markdown, the search indexer and the
print version would each parse all of it on every checklist page, which at
handbook scale is a quarter of the build. So the macro returns a short
stand-in (the items as a list, see render.render_paper) that Markdown,
search and the print version use, and `fill` swaps in the form once search
has read the page (the `on_page_context` hook). The search index gets the
item texts without the form's repeated labels, the print version gets a
compact checklist, and the page gets the form, byte for byte as rendered.
"""
from __future__ import annotations

import hashlib
import re

SLOT = re.compile(r'<div class="pb-slot" data-pb-slot="([0-9a-f]+)">.*?</div>', re.DOTALL)


class Slots:
    """Forms waiting for their page's stand-in to be replaced."""

    def __init__(self) -> None:
        self._held: dict[str, str] = {}

    def hold(self, stand_in: str, html: str) -> str:
        """`stand_in` wrapped in a marked <div>; `html` is kept for `fill`."""
        if "<div" in stand_in or "</div" in stand_in:
            raise ValueError("a stand-in must not contain <div> elements")
        key = hashlib.sha1(html.encode("utf-8")).hexdigest()[:16]  # the same in every build: pages stay reproducible
        self._held[key] = html
        return f'<div class="pb-slot" data-pb-slot="{key}">{stand_in}</div>'

    def fill(self, html: str) -> str:
        """Replace every stand-in in `html` by the HTML it holds."""
        if "data-pb-slot" not in html:
            return html
        return SLOT.sub(lambda m: self._held.get(m.group(1), m.group(0)), html)

    def __len__(self) -> int:
        return len(self._held)
