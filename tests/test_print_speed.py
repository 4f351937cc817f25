"""macros/build/print_speed.py gives exactly what mkdocs-print-site-plugin's own update_anchor_ids gives."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from macros.build import print_speed

print_speed.install()
from mkdocs_print_site_plugin import urls  # noqa: E402

ORIGINAL = urls._pb_original
ORIGINAL_TABBED = urls._pb_original_tabbed


def test_the_plugin_now_uses_the_faster_function() -> None:
    assert urls.update_anchor_ids is print_speed.update_anchor_ids
    assert print_speed.install() is True  # a second install changes nothing


def test_same_result_on_every_page_of_the_built_site(site) -> None:
    pages = [p for p in site.root.rglob("index.html") if "print_page" not in p.parts]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert print_speed.update_anchor_ids(html, "key") == ORIGINAL(html, "key"), page
        assert urls.fix_tabbed_content(html, "key") == ORIGINAL_TABBED(html, "key"), page


PIECES = st.sampled_from([
    "<h2 id=\"a\">", "<H3 ID=\"b\">", "<li id=\"c\" class=\"c\">", "<sup id=\"fn:1\">", "<p>", "</p>", "<div id=\"d\">",
    "<a href=\"#a\">", "\n", "\r", "\u2028", " ", "text", "id=\"e\"", "<", ">", "\"", "<h2 class=\"x\" id=\"a\">",
    "<li>", "<h1 id=\"\">", "<span id=\"a\"><h2 id=\"f\">", "İd=\"g\"", "<h4\tid=\"h\">",
    "<input name=\"t\" id=\"t1\">", "<LABEL for=\"t1\">", "<INPUT type=\"radio\" name=\"u\">",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from(["p", "page-key", "a"]))
def test_same_result_on_generated_html(html: str, key: str) -> None:
    assert print_speed.update_anchor_ids(html, key) == ORIGINAL(html, key)
    assert urls.fix_tabbed_content(html, key) == ORIGINAL_TABBED(html, key)


def test_print_page_is_the_same_with_the_shared_environment(site, tmp_path, monkeypatch) -> None:
    """share_env only saves compiling the templates again: the print page is byte for byte what a fresh env gives."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "true")
    monkeypatch.setattr(print_speed, "share_env", lambda config, env: None)  # the plugin's own fresh environment
    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"),
                         site_dir=str(tmp_path / "fresh"), site_url=site.url)
    build(config)
    fresh = (tmp_path / "fresh" / "print_page" / "index.html").read_text(encoding="utf-8")
    shared = (site.root / "print_page" / "index.html").read_text(encoding="utf-8")
    assert 'class="pb-paper__items"' in shared
    assert shared == fresh
