"""A faster `update_anchor_ids` for mkdocs-print-site-plugin 2.9, with identical output.

The plugin makes heading ids unique on the print page with one regular
expression, `<([^\\s]+).*?id="..."...>`, run over each page. From every `<`
it scans to the end of the line looking for `id="`, which on long paragraph
lines costs 0.7 s of a 500-article build. A match never spans a newline
(neither `.` nor `[^\\s]` matches one), so only lines that contain `id="`
can match: this version runs the same expression on those lines only and
applies the same replacements in the same order. Likewise
`fix_tabbed_content` is skipped on pages without `<input` or `<label`, where
none of its patterns can match. tests/test_print_speed.py checks that both
agree with the originals on real pages and on generated HTML.

The plugin also renders the print page with a new environment from
`theme.get_env()`, so every theme template is compiled a second time at the
end of the build (0.17 s at 500 articles). `share_env` hands it the build's
own environment instead, with the same loader, filters and translations, and
templates already compiled.
"""
from __future__ import annotations

import re
from importlib.metadata import version

# The plugin's own pattern and tag list (mkdocs_print_site_plugin/urls.py, 2.9).
TAG = re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE)
HAS_ID = re.compile(r"id=\"", flags=re.IGNORECASE)
CHANGE_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "sup", "li"]
FOR_VERSION = "2.9"


def update_anchor_ids(page_html: str, page_key: str) -> str:
    replacements = []
    for line in page_html.split("\n"):
        if not HAS_ID.search(line):
            continue
        for match in TAG.finditer(line):
            if match.group(1) not in CHANGE_TAGS:
                continue
            text, id_text = match.group(), match.group(2)
            replacements.append((text, text.replace(id_text, page_key + "-" + id_text)))
    for old, new in replacements:
        page_html = page_html.replace(old, new)
    return page_html


# Every pattern of the plugin's fix_tabbed_content needs a literal "<input" or "<label".
TABBED_PARTS = re.compile(r"\<(?:input|label)", flags=re.IGNORECASE)


def skip_untabbed(original):  # type: ignore[no-untyped-def]
    """fix_tabbed_content, skipped on pages where none of its patterns can match (most pages)."""
    def fix_tabbed_content(page_html: str, page_key: str) -> str:
        if not TABBED_PARTS.search(page_html):
            return page_html
        return original(page_html, page_key)
    return fix_tabbed_content


def share_env(config, env):  # type: ignore[no-untyped-def]
    """Make this build's `theme.get_env()` return `env`, the environment MkDocs renders pages with."""
    if installed():
        config["theme"].get_env = lambda: env


def installed() -> bool:
    """True when this module's versions are in use (print-site 2.9 is installed and `install` ran)."""
    try:
        from mkdocs_print_site_plugin import urls
    except ImportError:
        return False
    return bool(getattr(urls, "_pb_original", None))


def install() -> bool:
    """Use the faster function when the installed plugin is the version it was checked against."""
    try:
        from mkdocs_print_site_plugin import urls
    except ImportError:
        return False
    if version("mkdocs-print-site-plugin") != FOR_VERSION or installed():
        return installed()
    urls._pb_original = urls.update_anchor_ids  # type: ignore[attr-defined]
    urls._pb_original_tabbed = urls.fix_tabbed_content  # type: ignore[attr-defined]
    urls.update_anchor_ids = update_anchor_ids
    urls.fix_tabbed_content = skip_untabbed(urls.fix_tabbed_content)
    return True
