"""axe-core on every built page of both editions, the print page included (issue 10, item 7).

One browser page walks through every HTML file of the build; axe is added to each document by an init
script. Checklist pages are checked with an answer given (so the results are drawn) and with every
<details> open (so folded content is checked too); they are checked once more in the dark scheme. The
portfolio page is checked with a board drawn from saved data, its section rows open, in both schemes.
"""
from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser
AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
PREPARE = """() => {
    const radio = document.querySelector('.pb-item input[type=radio]');
    if (radio) radio.click();  // no scrolling: the header stays as a reader first sees it
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    // The portfolio board with data on it: two partnerships, scores in two bands, a trend, an overdue review,
    // an empty cell and the section rows open.
    const board = document.querySelector('[data-pb-portfolio]');
    if (board && board.pbPortfolio) {
        const c = board.pbPortfolio.data.checklists, first = c[0].sections[0].items[0].id, old = '2020-01-01T00:00:00Z';
        localStorage.setItem('pb:partnerships', JSON.stringify({current: 'a', list: [{id: 'a', name: 'Acme'}, {id: 'b', name: 'Globex'}]}));
        localStorage.setItem('pb:history:' + c[0].id + ':a', JSON.stringify([{date: old, answers: {[first]: 0}}, {date: old, answers: {[first]: c[0].max}}]));
        localStorage.setItem('pb:checklist:' + c[1].id + ':b', JSON.stringify({answers: {[c[1].sections[0].items[0].id]: 0}}));
        board.pbPortfolio.redraw();
        board.querySelectorAll('.pb-portfolio__expand').forEach(b => b.click());
    }
}"""
SERIOUS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(' '))])"""


def urls(built) -> list[str]:
    out = []
    for path in built.files():
        if path.suffix == ".html":
            rel = path.relative_to(built.root).as_posix()
            out.append(built.url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return out


PARTS = 2  # each edition's pages in this many tests, so that test workers share them


@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize("edition", ["site", "public_site"])
def test_no_serious_or_critical_violation_on_any_page(browser: Browser, request, edition: str, part: int) -> None:
    built = request.getfixturevalue(edition)
    pages = urls(built)
    assert len(pages) > 25 and built.url + "print_page/" in pages
    checklists = [u for u in pages if "/reference/checklists/" in u and not u.endswith("/checklists/")]
    assert checklists and built.url + "portfolio/" in pages
    checklists.append(built.url + "portfolio/")  # with data on the board, in the dark scheme too
    pages, checklists = pages[part::PARTS], checklists[part::PARTS]  # every page in one part or another
    found: dict[str, list] = {}
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    for scheme, batch in (("light", pages), ("dark", checklists)):
        page.emulate_media(color_scheme=scheme)
        for url in batch:
            page.goto(url)
            page.evaluate(PREPARE)
            # The comparison panel, opened above, gets its contents (compare.js) a moment later: check those too.
            page.wait_for_function("() => !document.querySelector('details.pb-compare')"
                                   " || document.querySelector('details.pb-compare .pb-history')")
            serious = page.evaluate(SERIOUS)
            if serious:
                found[f"{url} ({scheme})"] = serious
    context.close()
    assert found == {}, "\n".join(f"{url}: {v}" for url, v in found.items())
