"""What `make serve` shows in the browser while the latest edit has an error.

A banner goes at the top of every served page, above the last good content:
the error as plain text (escaped, never markup) and what the page below it is.
Only the development server adds it, to its responses; built files never
carry it.
"""
from __future__ import annotations

import html
import re

# Lines of the error shown in the banner; the terminal has the rest.
MAX_LINES = 30
MAX_CHARS = 4000

# Outside `.md-typeset` on purpose: the banner sits above Material's header.
# Sticky, so it stays in view on a page scrolled down before the reload; above
# the header (z-index 4); white on dark red is 9:1 (tests/test_serve.py checks).
STYLE = """\
.pb-serve-error{position:sticky;top:0;z-index:5;box-sizing:border-box;max-height:45vh;overflow:auto;\
margin:0;padding:12px 16px;border-bottom:4px solid #f9dedc;background:#8c1d18;color:#fff;\
font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left}
.pb-serve-error__title{margin:0 0 6px;font-size:18px;font-weight:700}
.pb-serve-error__message{margin:0 0 6px;padding:0;white-space:pre-wrap;overflow-wrap:anywhere;\
background:none;color:#fff;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.pb-serve-error__note{margin:0;font-size:15px}
"""

NOTHING_BUILT = (b'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
                 b'<meta name="viewport" content="width=device-width,initial-scale=1">'
                 b"<title>The playbook did not build</title></head><body></body></html>\n")

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def shorten(text: str) -> str:
    """The first lines of an error, saying how much was left out."""
    lines = text.strip().splitlines()
    kept = "\n".join(lines[:MAX_LINES])
    if len(kept) > MAX_CHARS:
        kept = kept[:MAX_CHARS].rstrip() + " …"
    if len(lines) > MAX_LINES:
        kept += f"\n… and {len(lines) - MAX_LINES} more lines in the terminal"
    return kept


def banner(error: str, built_at: str | None) -> bytes:
    """The banner for `error`; `built_at` is the time of the last good build, or None if none has succeeded."""
    if built_at is None:
        title = "The playbook did not build"
        note = "No page has been built yet, so there is nothing to show below."
    else:
        title = "Your last edit did not build"
        note = f"Below: the last good pages, built at {built_at}, without your latest edits."
    note += " Save a fix: this page reloads by itself."
    return (
        f'<style>{STYLE}</style>'
        f'<div class="pb-serve-error" role="alert">'
        f'<p class="pb-serve-error__title">{html.escape(title)}</p>'
        f'<pre class="pb-serve-error__message">{html.escape(shorten(error))}</pre>'
        f'<p class="pb-serve-error__note">{html.escape(note)}</p>'
        f'</div>'
    ).encode("utf-8")


def inject(page: bytes, banner_html: bytes) -> bytes:
    """`page` with `banner_html` first inside its body (at the very start when it has no body tag)."""
    if not banner_html:
        return page
    found = _BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner_html + page[at:]
