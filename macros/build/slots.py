"""Four renderings of one checklist: a placeholder, two short lists, then the form.

A checklist form is 30 tags per item. Markdown, the search indexer and the
print version would each parse all of it on every checklist page, which at
handbook scale is a quarter of the build. So, on each page:

1. the macro returns an empty placeholder `<div>`, which Markdown passes
   through untouched (`hold`);
2. once Markdown is done, the placeholder gets the short list the print
   version keeps, each item with a link to its guidance (`for_print`, an
   `on_page_content` hook that runs before print-site copies the page);
3. then the short list search reads: the item texts alone (`for_search`, an
   `on_page_content` hook that runs after print-site's copy);
4. once search has read the page, the list is swapped for the form (`fill`,
   the `on_page_context` hook).

The search index gets the item texts without the form's repeated labels, the
print version gets a compact checklist, and the page gets the form, byte for
byte as rendered.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import NamedTuple

PLACEHOLDER = re.compile(r'<div class="pb-slot" data-pb-slot="([0-9a-f]+)"></div>')
SLOT = re.compile(r'<div class="pb-slot" data-pb-slot="([0-9a-f]+)">.*?</div>', re.DOTALL)


def _wrap(key: str, inner: str) -> str:
    return f'<div class="pb-slot" data-pb-slot="{key}">{inner}</div>'


class Held(NamedTuple):
    printed: str  # the short list with guidance links
    indexed: str  # the short list search reads
    form: str


class Slots:
    """Checklists waiting for their page's placeholder to be filled."""

    def __init__(self) -> None:
        self._held: dict[str, Held] = {}

    def hold(self, printed: str, indexed: str, form: str) -> str:
        """An empty, marked <div>; the three renderings are kept for the steps below."""
        if any("<div" in text or "</div" in text for text in (printed, indexed)):
            raise ValueError("a short list must not contain <div> elements")
        key = hashlib.sha1(form.encode("utf-8")).hexdigest()[:16]  # the same in every build: pages stay reproducible
        self._held[key] = Held(printed, indexed, form)
        return f'<div class="pb-slot" data-pb-slot="{key}"></div>'

    def for_print(self, html: str) -> str:
        """Put each placeholder's short list, with guidance links, into it."""
        return self._sub(PLACEHOLDER, html, lambda key, held: _wrap(key, held.printed))

    def for_search(self, html: str) -> str:
        """Swap each short list for the one search reads."""
        return self._sub(SLOT, html, lambda key, held: _wrap(key, held.indexed))

    def fill(self, html: str) -> str:
        """Replace every placeholder or short list in `html` by the form it holds."""
        return self._sub(SLOT, html, lambda key, held: held.form)

    def _sub(self, pattern: re.Pattern[str], html: str, render: Callable[[str, Held], str]) -> str:
        if "data-pb-slot" not in html:  # most pages: no checklist
            return html

        def one(match: re.Match[str]) -> str:
            held = self._held.get(match.group(1))
            return match.group(0) if held is None else render(match.group(1), held)
        return pattern.sub(one, html)

    def __len__(self) -> int:
        return len(self._held)
