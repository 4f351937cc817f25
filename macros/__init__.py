"""mkdocs-macros entry point: only `define_env` lives here."""
from __future__ import annotations

import functools
from typing import Any


def define_env(env: Any) -> None:
    """Load and validate every checklist once per build; register `checklist(id)`."""
    from macros.render.guidance import href
    from macros.render.onboarding import render_path, render_path_paper
    from macros.render.portfolio import portfolio_data, render_portfolio
    from macros.render.reference_pages import checklist_index as checklist_index_, guidance_index as guidance_index_, nav_pages
    from macros.render.checklist import render_checklist, render_paper
    from macros.build import site

    from mkdocs.utils import get_relative_url

    def asset(path: str) -> str:
        """One of the site's own files (a page-only script or stylesheet), linked from the page being rendered."""
        return get_relative_url(path, env.page.url or ".")

    PORTFOLIO = "portfolio.md"  # the partner portfolio page; checklist forms link to it
    state = site.prepare(env.conf)
    # For passages that differ by edition: {% if partner_edition %} ... {% else %} ... {% endif %}
    env.variables["partner_edition"] = state.edition == "public"

    def guidance_label(item: Any) -> str:
        state = site.current  # prepared again by macros/serve/incremental.py after an edit
        page, anchor = item.guidance_page, item.guidance_anchor
        return f"Guidance: {state.docs.titles.get(page, page)} › {state.docs.anchors[page].get(anchor) or anchor}"

    @env.macro
    def checklist(checklist_id: str) -> str:
        """The checklist form with id `checklist_id` (validated before any page renders)."""
        current_url, state = env.page.url, site.current
        checklist_ = state.catalog[checklist_id]
        link = functools.cache(lambda target: href(target, current_url, state.use_directory_urls))  # 3 uses per item
        # The print version and search read short lists; the page gets the form (see slots.py).
        return state.slots.hold(render_paper(checklist_, link, guidance_label),
                                render_paper(checklist_, link, guidance=False),
                                render_checklist(checklist_, link, guidance_label,
                                                 link(PORTFOLIO) if PORTFOLIO in state.docs.titles else None))

    @env.macro
    def checklist_index() -> str:
        """A table of every checklist this edition shows, generated from data/checklists/ (reference_pages.py)."""
        current_url, state = env.page.url, site.current
        table = checklist_index_(state.catalog, state.shown,
                                 lambda target: href(target, current_url, state.use_directory_urls))
        return state.slots.hold(table, table, table)

    @env.macro
    def guidance_index() -> str:
        """Every heading a checklist item may point at, with the items that do (reference_pages.py)."""
        current_url, state = env.page.url, site.current
        docs, pages = state.docs, nav_pages(env.conf, state.docs)
        if state.edition == "public":  # only what partners see: public pages, headings outside internal passages
            docs, pages = site.partner_view(state.docs), [p for p in pages if state.docs.audience(p) == "public"]
        listing = guidance_index_(docs, state.catalog, pages, env.page.file.src_path,
                                  lambda target: href(target, current_url, state.use_directory_urls))
        note = "<p>The list of headings is on the online version of this page.</p>"
        return state.slots.hold(note, note, listing)

    @env.macro
    def portfolio() -> str:
        """The partner portfolio board: every checklist this edition shows (portfolio.py, portfolio.js)."""
        current_url, state = env.page.url, site.current
        link = lambda target: href(target, current_url, state.use_directory_urls)  # noqa: E731
        short, element = render_portfolio(portfolio_data(state.catalog, state.shown, link), asset)
        return state.slots.hold(short, short, element)

    @env.macro
    def onboarding(path_id: str) -> str:
        """The onboarding programme `path_id` as a form of steps (validated before any page renders)."""
        current_url, state = env.page.url, site.current
        path = state.paths[path_id]
        link = functools.cache(lambda target: href(target, current_url, state.use_directory_urls))
        # Like checklists (slots.py): the print version and search read lists, the page gets the form.
        return state.slots.hold(render_path_paper(path, link), render_path_paper(path, link, links=False),
                                render_path(path, link, asset))
