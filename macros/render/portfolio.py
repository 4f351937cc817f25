"""The partner portfolio page: every checklist of the edition, as data for the board (portfolio.js).

`portfolio_data` gives each checklist the object its form carries in
`data-pb-data` (render.checklist_data, built from the catalog already filtered
for the edition, so the partner edition never holds an internal item), less
what only the checklist page uses (`PAGE_ONLY`), plus
the page-relative `url` of the page that shows the form and `review_every`
(whole days, or None). `render_portfolio` is the element the page contract
describes (CONTRIBUTING.md): useful without JavaScript (what the board is, and
every checklist about a partnership as a link), with the data in an attribute. The board's script
and stylesheet (`SCRIPTS`, `STYLES`) are loaded beside that element, so only
this page downloads them.
Pure: no MkDocs.
"""
from __future__ import annotations

import html
from collections.abc import Callable

from macros.content.model import Catalog
from macros.render.checklist import checklist_data, json_script

Linker = Callable[[str], str]  # docs-relative "page.md" or asset path -> URL from the current page

# Loaded by the portfolio page only (the assessment pages never download them): docs-relative asset paths.
# rollup.js and rollup.css: the team roll-up, a component of its own on the board's element.
SCRIPTS = ("assets/javascripts/portfolio.js", "assets/javascripts/rollup.js", "assets/javascripts/backup.js")
STYLES = ("assets/stylesheets/portfolio.css", "assets/stylesheets/rollup.css")


#: What only a checklist page uses (its guidance links and band advice), left out of the board's copy: the
#: page holds every checklist, and at 100 checklists these made it 361 KB instead of about 260 KB.
PAGE_ONLY = {"items": ("guidance",), "bands": ("advice",)}


def for_board(data: dict) -> dict:
    """A checklist's form data less `PAGE_ONLY`: everything the board and the roll-up read (scoring, validation,
    item texts for the roll-up's disagreements)."""
    def without(entry: dict, keys: tuple[str, ...]) -> dict:
        return {k: v for k, v in entry.items() if k not in keys}
    return data | {"bands": [without(b, PAGE_ONLY["bands"]) for b in data["bands"]],
                   "sections": [s | {"items": [without(i, PAGE_ONLY["items"]) for i in s["items"]]}
                                for s in data["sections"]]}


def portfolio_data(catalog: Catalog, shown: dict[str, str], link: Linker) -> dict[str, object]:
    """{"checklists": [...]} in the order of the catalog; checklists no page of this edition shows are left out."""
    return {"checklists": [
        for_board(checklist_data(checklist, link))
        | {"url": link(shown[checklist.id]), "review_every": checklist.review_every}
        for checklist in catalog if checklist.id in shown]}


def on_board(data: dict[str, object]) -> list[dict]:
    """The checklists the board has a column for: those about a partnership. A checklist about a person (a new
    colleague's self-check) stays in the data only so that the team roll-up can read its exports."""
    return [c for c in data["checklists"] if c["about"] == "partnership"]  # type: ignore[attr-defined]


def _listing(data: dict[str, object]) -> str:
    """The checklists about a partnership as links, with their review rhythm: what the page offers without
    JavaScript."""
    rows = []
    for checklist in on_board(data):
        every = checklist["review_every"]
        rhythm = f" (review every {every} day{'s' if every != 1 else ''})" if every else ""
        rows.append(f'<li><a href="{html.escape(checklist["url"], quote=True)}">'
                    f'{html.escape(checklist["title"])}</a>{html.escape(rhythm)}</li>')
    return f'<ul class="pb-portfolio__checklists">{"".join(rows)}</ul>'


INTRO = ("<p>The board shows every partnership kept in this browser against every checklist about a partnership: "
         "the latest score, the change since the previous review and when the next review is due. It needs JavaScript and "
         "reads only what the checklist pages saved in this browser. Open a checklist to start:</p>")


def render_portfolio(data: dict[str, object], asset: Linker) -> tuple[str, str]:
    """(the short version for print and search, the element for the page).

    The short version is the intro and the list of checklists; the element adds
    the data and loads the board's stylesheet and script (`asset` links them
    from the page; `defer` runs the script after the theme's and playbook.js,
    and Material's instant navigation loads it again when it brings the page in).
    """
    listing = _listing(data)
    short = INTRO.replace("<p>", '<p class="pb-portfolio__nojs">', 1) + listing
    styles = "".join(f'<link rel="stylesheet" href="{html.escape(asset(s), quote=True)}">' for s in STYLES)
    scripts = "".join(f'<script defer src="{html.escape(asset(s), quote=True)}"></script>' for s in SCRIPTS)
    element = (f'{styles}<div class="pb-portfolio" data-pb-portfolio '
               f'data-pb-data="{html.escape(json_script(data), quote=True)}">\n'
               f'{short}\n</div>{scripts}')
    return short, element
