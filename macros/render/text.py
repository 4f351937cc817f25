"""Author text in HTML: escaped, with a small inline Markdown subset (`inline`), or without its marks (`plain`).

Only **bold**, *italic*, `code` and [links](https://...) are turned back into
markup. A link is kept when its target is another site (http(s), mailto) or a
page of docs/ written relative to docs/ (`principles/trust.md#fair-price`, checked
by macros/content/text_links.py), which `link` turns into an address from the
page being rendered, as guidance links are.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable

from macros.content.text_links import CODE, EXTERNAL, LINK, is_page

BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALIC = re.compile(r"(?<![\w*])[*_](?![\s*_])(.+?)(?<![\s*_])[*_](?![\w*])")


# Text without any of these characters comes out of `inline` (or `plain`) unchanged: most item texts.
INLINE_SPECIAL = re.compile("[&<>\"'`\\[*_\x00]")
PLAIN_SPECIAL = re.compile(r"[`\[*_]")


def inline(text: str, link: Callable[[str], str] | None = None) -> str:
    """Escape author text, then allow the inline Markdown subset.

    `link` turns a docs path (`page.md#anchor`) into an address from the page the text is rendered on; without
    it, a link to a page is left as its label.
    """
    if not INLINE_SPECIAL.search(text):
        return text
    escaped = html.escape(text, quote=True)
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(f"<code>{match.group(1)}</code>")
        return f"\x00{len(codes) - 1}\x00"

    out = CODE.sub(keep_code, escaped)

    def anchor(match: re.Match[str]) -> str:
        label, url = match.group(1), html.unescape(match.group(2))
        if EXTERNAL.match(url):
            return f'<a href="{html.escape(url, quote=True)}">{label}</a>'
        if link is not None and is_page(url):
            return f'<a href="{html.escape(link(url), quote=True)}">{label}</a>'
        return label

    out = LINK.sub(anchor, out) if "](" in out else out
    out = BOLD.sub(r"<strong>\1</strong>", out)
    out = ITALIC.sub(r"<em>\1</em>", out)
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], out)


def plain(text: str) -> str:
    """Author text without Markdown marks, for JSON, titles and exports."""
    if not PLAIN_SPECIAL.search(text):
        return text
    out = LINK.sub(r"\1", text)
    return re.sub(r"\*\*|(?<!\w)[*_]|[*_](?!\w)|`", "", out)
