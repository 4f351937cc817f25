"""MkDocs hooks: "assessed by" back-links under each guidance heading.

Listed under `hooks:` in mkdocs.yml. The checklists were loaded once by
`define_env` (macros/site.py); this only reads that state.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import site  # noqa: E402
from macros.guidance import page_url  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402


def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    state = site.current
    if state is None:
        return html_text
    anchors = state.links.get(page.file.src_path)
    if not anchors:
        return html_text
    for anchor, links in anchors.items():
        heading = re.compile(rf'(<h([1-6])\b[^>]*\bid="{re.escape(anchor)}"[^>]*>.*?</h\2>)', re.DOTALL)
        entries = []
        for link in links:
            target = get_relative_url(page_url(link.page, state.use_directory_urls), page.url or ".")
            url = f"{target}#pb-{link.checklist_id}-{link.item_id}"
            entries.append(f'<li><a href="{html.escape(url, quote=True)}">{html.escape(link.checklist_title)}: '
                           f"{html.escape(_plain(link.item_text))}</a></li>")
        aside = ('<aside class="pb-assessed-by" aria-label="Assessed by">'
                 '<p class="pb-assessed-by__title">Assessed by</p>'
                 f'<ul>{"".join(entries)}</ul></aside>')
        html_text = heading.sub(lambda m: m.group(1) + aside, html_text, count=1)
    return html_text


def _plain(text: str) -> str:
    from macros.render import plain
    return plain(text)
