"""Author text in HTML: escaped, with a small inline Markdown subset (`inline`), or without its marks (`plain`).

Only **bold**, *italic*, `code` and [links](https://...) are turned back into
markup, and a link is kept only when its target is http(s), mailto or a
relative path.
"""
from __future__ import annotations

import html
import re

CODE = re.compile(r"`([^`]+)`")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALIC = re.compile(r"(?<![\w*])[*_](?![\s*_])(.+?)(?<![\s*_])[*_](?![\w*])")
SAFE_URL = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[\w-]+(?:[./#]|$))", re.IGNORECASE)



# Text without any of these characters comes out of `inline` (or `plain`) unchanged: most item texts.
INLINE_SPECIAL = re.compile("[&<>\"'`\\[*_\x00]")
PLAIN_SPECIAL = re.compile(r"[`\[*_]")


def inline(text: str) -> str:
    """Escape author text, then allow the inline Markdown subset."""
    if not INLINE_SPECIAL.search(text):
        return text
    escaped = html.escape(text, quote=True)
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(f"<code>{match.group(1)}</code>")
        return f"\x00{len(codes) - 1}\x00"

    out = CODE.sub(keep_code, escaped)

    def link(match: re.Match[str]) -> str:
        label, url = match.group(1), html.unescape(match.group(2))
        if not SAFE_URL.match(url) or url.lower().startswith(("javascript:", "data:", "vbscript:")):
            return label
        return f'<a href="{html.escape(url, quote=True)}">{label}</a>'

    out = LINK.sub(link, out)
    out = BOLD.sub(r"<strong>\1</strong>", out)
    out = ITALIC.sub(r"<em>\1</em>", out)
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], out)


def plain(text: str) -> str:
    """Author text without Markdown marks, for JSON, titles and exports."""
    if not PLAIN_SPECIAL.search(text):
        return text
    out = LINK.sub(r"\1", text)
    return re.sub(r"\*\*|(?<!\w)[*_]|[*_](?!\w)|`", "", out)
