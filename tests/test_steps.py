"""The data a step page carries about its programmes (macros/render/steps.py), in both built editions."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from macros.content.anchors import scan_docs
from macros.content.onboarding import for_edition, load_paths, parse_path
from macros.render.steps import programmes_here, step_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = scan_docs(ROOT / "docs")
PATHS = load_paths(ROOT / "data" / "onboarding", DOCS, ROOT)
DATA = re.compile(r'<div class="pb-steps" data-pb-steps data-pb-data="([^"]*)" data-pb-src="[^"]*" hidden></div>')
SCRIPT = re.compile(r'<script defer src="[^"]*assets/javascripts/onboarding\.js"></script>')
LOADER = re.compile(r'<script defer src="[^"]*assets/javascripts/steps\.js"></script>')


def carried(site, edition: str) -> dict[str, list[str]]:
    """{built page: programme ids its data names}; checks each page's element against what the edition shows."""
    paths = for_edition(PATHS, edition, DOCS)[0]
    found = {}
    for file in site.files():
        if file.suffix != ".html" or file.parent.name == "print_page":
            continue
        text = file.read_text(encoding="utf-8")
        name = file.relative_to(site.root).as_posix()
        source = "index.md" if name == "index.html" else name.removesuffix("/index.html") + ".md"
        expected = [p.id for p in paths.values() if any(s.page.partition("#")[0] == source for s in p.steps)]
        elements = DATA.findall(text)
        # onboarding.js is loaded by programme pages; steps.js by step pages, which name onboarding.js for it.
        assert bool(SCRIPT.search(text)) == ('data-pb-path="' in text), f"{name} loads onboarding.js for nothing"
        if not expected:
            assert elements == [] and not LOADER.search(text), f"{name}: no step of a {edition} programme, step data"
            continue
        assert len(elements) == 1 and LOADER.search(text), name
        src = re.search(r'data-pb-steps [^>]*data-pb-src="([^"]+)"', text)
        assert src and (file.parent / src.group(1)).resolve() == (site.root / "assets/javascripts/onboarding.js").resolve()
        data = json.loads(html.unescape(elements[0]))["programmes"]
        found[source] = [p["id"] for p in data]
        assert found[source] == expected, name
        for p in data:
            assert [s["id"] for s in p["steps"]] == [s.id for s in paths[p["id"]].steps]
            assert all(f"?programme={p['id']}" in s["url"] for s in p["steps"])
            assert p["here"] and all(paths[p["id"]].steps[n].page.partition("#")[0] == source for n in p["here"])
    return found


def test_the_partner_edition_carries_only_its_own_programmes(public_site) -> None:
    found = carried(public_site, "public")
    assert set(found) == {s.page for s in for_edition(PATHS, "public", DOCS)[0]["partner"].steps}
    assert {pid for ids in found.values() for pid in ids} == {"partner"}
    for file in public_site.files():  # nothing of the internal programme anywhere, not even its title
        if file.suffix in (".html", ".js", ".json"):
            text = file.read_text(encoding="utf-8", errors="replace")
            assert "New colleague programme" not in text and "?programme=employee" not in text, file.name


def test_the_internal_edition_carries_both_programmes_where_they_share_a_page(site) -> None:
    found = carried(site, "internal")
    assert found["principles/trust.md"] == ["employee", "partner"]
    assert found["index.md"] == ["employee"]


def test_step_data_leaves_out_a_programme_no_page_shows_and_finds_every_step_on_a_page() -> None:
    text = """id: p\ntitle: P & Q\nsummary: S\nmodules:\n  - id: m\n    title: M\n    steps:
      - {id: a, title: A, page: principles/trust.md#fair-price, outcome: O}
      - {id: b, title: B, page: principles/win-win.md, outcome: O}
      - {id: c, title: C, page: principles/trust.md, outcome: O}\n"""
    paths = {"p": parse_path(text, "data/onboarding/p.yml", DOCS)}
    link = lambda target: "../" + target.replace(".md", "/")  # noqa: E731
    assert step_data(paths, {}, "principles/trust.md", link) == []
    data = step_data(paths, {"p": "onboarding/p.md"}, "principles/trust.md", link)
    assert data == [{"id": "p", "title": "P & Q", "url": "../onboarding/p/", "here": [0, 2], "steps": [
        {"id": "a", "title": "A", "url": "../principles/trust/?programme=p#fair-price"},
        {"id": "b", "title": "B", "url": "../principles/win-win/?programme=p"},
        {"id": "c", "title": "C", "url": "../principles/trust/?programme=p"}]}]
    assert step_data(paths, {"p": "onboarding/p.md"}, "principles/why-partner.md", link) == []
    element = programmes_here(data, lambda asset: "../" + asset)
    assert "P &amp;amp; Q" not in element and "P &amp; Q" in element
    assert 'data-pb-src="../assets/javascripts/onboarding.js"' in element
    assert element.endswith('<script defer src="../assets/javascripts/steps.js"></script>')
    assert programmes_here([], lambda asset: asset) == ""


def test_each_edition_lists_its_own_readers_programme_first(site, public_site) -> None:
    def article(text: str) -> str:
        return text[text.index("<article"):text.index("</article>")]
    internal = article(site.page("onboarding/index.html"))
    assert internal.index('href="employee/"') < internal.index('href="partner/"')
    public = article(public_site.page("onboarding/index.html"))
    assert 'href="partner/"' in public and "employee" not in public
    for text in (internal, public):
        assert "admonition" not in text, "a programme in a warning box"
    assert 'href="onboarding/employee/"' in article(site.page("index.html"))
