"""MkDocs hooks: where the project's work is wired into MkDocs' build events, and in what order.

Listed under `hooks:` in mkdocs.yml. The checklists and the docs index were
loaded once by `define_env` (macros/build/site.py); these hooks only read that state
and call the module that owns each job: the partner edition's filtering and
last checks (edition.py, macro_calls.py), the checklist renderings (slots.py),
"assessed by" back-links (guidance.py), a step page's programmes (steps.py), assets (minify.py), the print page
(print_speed.py) and security headers (csp.py).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path, PurePosixPath
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for `import macros`

from macros.build import print_speed, site  # noqa: E402
from macros.build.edition import (EDITION_SUMMARY, leftover_internal, linked_pages, prune_nav,  # noqa: E402
                                  hidden_html, titled_internal, unseen_guidance, unseen_steps)
from macros.build.manifest import (ManifestError, check_output, cut_source_map_comments,  # noqa: E402
                                   drop_source_maps, leave_out_unreferenced)
from macros.content.audience import OPT_IN, page_audience  # noqa: E402
from macros.content.blocks import strip_internal  # noqa: E402
from macros.content.errors import ChecklistErrors  # noqa: E402
from macros.content.macro_calls import unrendered_call  # noqa: E402
from macros.content.markup import strip_comments  # noqa: E402
from macros.render.guidance import assessed_by, href  # noqa: E402
from macros.render.steps import programmes_here, step_data  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

log = logging.getLogger("mkdocs.plugins.playbook")
_internal_pages: set[str] = set()
_files: list[Any] = []  # this build's Files, for the steps after the build
_commented: list[list[str]] = []  # this build's HTML files holding "<!--", found by the CSP scan's one read of them
ROBOTS_INTERNAL = "# The internal edition of the Partnership Playbook: not for search engines.\nUser-agent: *\nDisallow: /\n"

print_speed.install()  # same print page, 15% less build CPU at 500 articles (macros/build/print_speed.py)


# A step of this build that never ran (a hook dropped from mkdocs.yml, or a plugin in the way): what to do.
SKIPPED_STEP = ("build again; if this message comes back, check that mkdocs.yml lists macros/build/hooks.py under "
                "'hooks:' as the project's copy does, or ask whoever looks after the playbook's build")


def _public() -> bool:
    return site.current is not None and site.current.edition == "public"


def on_config(config: Any) -> Any:
    """Partner edition: drop every page that is not public from the navigation before MkDocs builds it."""
    _internal_pages.clear()
    if _public():
        assert site.current is not None
        _internal_pages.update(p for p in site.current.docs.anchors if site.current.docs.audience(p) != "public")
        if config.get("nav"):
            links: list[str] = []
            config["nav"] = prune_nav(config["nav"], _internal_pages, links)
            if links:
                log.info(f"{EDITION_SUMMARY}left out of the navigation, as links and not pages with "
                         f"'audience: public': {', '.join(links)} (to give partners a link, write it on a public page)")
    return config


def on_files(files: Any, config: Any) -> Any:
    """Partner edition: only public pages are built (no page, search entry or sitemap line for the others).

    Every Markdown page MkDocs found is judged here, by the same rule as the docs index
    (macros/content/audience.py), so a page the index could not read is left out too.
    No edition publishes source maps (macros/build/manifest.py).
    """
    files = drop_source_maps(files)
    _files[:] = [files]
    if not _public():
        return files
    assert site.current is not None
    docs = site.current.docs
    pages = list(files.documentation_pages())
    for file in pages:
        if docs.audience(file.src_uri) != "public":
            _internal_pages.add(file.src_uri)
            files.remove(file)
    site.current.page_count = (len(pages) - len(_internal_pages & {f.src_uri for f in pages}), len(pages))
    log.info(f"{EDITION_SUMMARY}{site.current.page_count[0]} of {len(pages)} pages ({OPT_IN})")
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Both editions: drop HTML comments. Partner edition: drop internal passages; refuse links to internal pages."""
    markdown = strip_comments(markdown)
    if not _public():
        return markdown
    if page_audience(page.meta) != "public":
        raise PluginError(f"docs/{page.file.src_path}: an internal page reached the partner build; "
                          "it was not left out (front matter read differently): nothing was published")
    markdown = strip_internal(markdown)
    leaks = sorted(linked_pages(markdown, page.file.src_path) & _internal_pages)
    if leaks:
        raise PluginError(
            f"docs/{page.file.src_path}: a page in the partner edition links to internal "
            f"page(s) {', '.join('docs/' + p for p in leaks)}: remove the link, move it into an "
            "'!!! internal' passage, or make the target page public")
    return markdown


@event_priority(50)  # before print-site keeps a copy of the page for the print version
def _print_list(html_text: str, page: Any, config: Any, files: Any) -> str:
    """Check the page for leftovers; put each checklist's short list into its placeholder (macros/build/slots.py)."""
    _check_rendered(html_text, page)
    state = site.current
    return state.slots.for_print(html_text) if state is not None else html_text


def _check_rendered(html_text: str, page: Any) -> None:
    """The last line of defence, after Markdown: nothing internal and no raw macro call gets through."""
    where = f"docs/{page.file.src_path}"
    if "<!--" in html_text:
        raise PluginError(f"{where}: expected no HTML comment on a built page (comments are notes for authors and "
                          "are removed before Markdown), found one after Markdown: nothing was published; "
                          "check for a comment written in a way the build does not recognise")
    if _public():
        leftover = leftover_internal(html_text)
        if leftover:
            raise PluginError(f"{where}: expected no internal content in the partner edition, found {leftover} "
                              "after the internal passages were removed: nothing was published; check how "
                              "the passage is written (see 'Add a checklist' in the how-to guides)")
        titled = titled_internal(html_text)
        if titled:
            raise PluginError(f"{where}: expected no passage titled internal in the partner edition, found one "
                              f"titled '{titled}' after the internal passages were removed: nothing was published; "
                              "a passage is left out when its '!!!', '???' or '===' line says internal and starts "
                              "the line (not after a quote's '>' or a list's '-'), never as HTML <details>: write "
                              "it that way, or give it another title if partners may read it")
        hidden = hidden_html(html_text)
        if hidden:
            raise PluginError(f"{where}: expected nothing hidden with HTML in the partner edition, found {hidden}: "
                              "a browser does not show it, but it is in the page's source, search, the print "
                              "version and the zip: nothing was published; put text for colleagues in an "
                              "'!!! internal' passage, and delete what nobody should read")
    if "{{" in html_text or "{%" in html_text:
        raw = unrendered_call(html_text)
        if raw:
            raise PluginError(f"{where}: expected every macro call to be rendered, found {raw} as text on the "
                              "page (add 'render_macros: true' to the page's front matter, or put the example "
                              "in a code block)")


@event_priority(-50)  # after print-site's copy, before search reads the page in on_page_context
def _search_list(html_text: str, page: Any, config: Any, files: Any) -> str:
    """Swap each short list for the item texts alone, which is what search should find (macros/build/slots.py)."""
    state = site.current
    return state.slots.for_search(html_text) if state is not None else html_text


on_page_content = CombinedEvent(_print_list, _search_list)


@event_priority(-100)  # after search has indexed the page and print-site has copied it
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Swap each checklist's short stand-in for its form (macros/build/slots.py); add "assessed by" asides.

    Both come after search, so the index holds each item once (on its checklist
    page) rather than again under every heading it points at.
    """
    state = site.current
    if state is not None and page.content:
        page.content = assessed_by(state.slots.fill(page.content), page.url or ".",
                                   state.links.get(page.file.src_path), state.use_directory_urls)
        bar = _steps_here(state, page)
        if bar:  # under the page's title, before its text
            head, h1, rest = page.content.partition("</h1>")
            page.content = head + h1 + bar + rest if h1 else bar + page.content
    return context


def _steps_here(state: site.BuildState, page: Any) -> str:
    """On a step of this edition's programmes, the data for its bar (macros/render/steps.py); else nothing."""
    if page.file.src_path not in state.step_pages:  # most pages: looking through every programme finds nothing
        return ""
    current_url = page.url or "."
    link = lambda target: href(target, current_url, state.use_directory_urls)  # noqa: E731
    return programmes_here(step_data(state.paths, state.path_shown, page.file.src_path, link),
                           lambda asset: get_relative_url(asset, current_url))


def _finish_site(config: Any) -> None:
    """Ship minified copies of the project's JavaScript and CSS (macros/build/minify.py); mend home links in print.

    The internal edition gets a robots.txt that keeps every crawler out; the partner edition none.
    """
    from macros.build.minify import minify_assets
    from macros.render.portfolio import SCRIPTS, STYLES  # loaded by the portfolio page only
    from macros.render.onboarding import SCRIPTS as PATH_SCRIPTS  # loaded by the onboarding pages only
    from macros.render.steps import SCRIPTS as STEP_SCRIPTS  # loaded by step pages only
    minify_assets(Path(config["site_dir"]), [*config["extra_javascript"], *SCRIPTS, *PATH_SCRIPTS, *STEP_SCRIPTS],
                  [*config["extra_css"], *STYLES])
    if (config.get("extra") or {}).get("edition", "internal") != "public":
        (Path(config["site_dir"]) / "robots.txt").write_text(ROBOTS_INTERNAL, encoding="utf-8")
    printed = Path(config["site_dir"]) / "print_page" / "index.html"
    if printed.is_file():  # print-site 2.9 turns a link to the home page ("../") into "#." instead of "#index"
        text = printed.read_text(encoding="utf-8")
        if 'href="#.' in text:
            printed.write_text(text.replace('href="#."', 'href="#index"').replace('href="#.-', 'href="#index-'),
                               encoding="utf-8")


@event_priority(-100)  # last: after every plugin has written its pages
def _security_headers(config: Any) -> None:
    """Write `_headers` with a Content-Security-Policy that hashes this build's inline scripts (macros/build/csp.py)."""
    from macros.build.csp import CSPError, write_headers
    _commented.clear()
    try:
        scan = write_headers(Path(config["site_dir"]), config["extra"].get("edition", "internal"))
    except CSPError as error:
        raise PluginError(str(error)) from None
    _commented.append(scan.comments)  # checked last, by _never_publish: no page is read twice


@event_priority(-110)  # after _headers: the partner site is complete
def _check_manifest(config: Any) -> None:
    """No source map in either edition; partner edition: every file in the site has an origin (manifest.py)."""
    site_dir = Path(config["site_dir"])
    if _files:
        cut_source_map_comments(site_dir, _files[0])
    state = site.current
    if not _public():
        return
    assert state is not None
    if state.manifest is None:  # never check nothing: a partner site without a manifest is not published
        raise PluginError("mkdocs.yml: expected the partner edition's list of the files it may hold to be made "
                          "before any file is copied, found that this build skipped that step, so nothing was "
                          f"published: {SKIPPED_STEP}")
    try:
        check_output(site_dir, state.manifest, config)
    except ManifestError as error:
        raise PluginError(str(error)) from None



@event_priority(-200)  # the very last: every file of the site is written
def _never_publish(config: Any) -> None:
    """Both editions: no HTML comment in any built page (templates and plugins included).

    Partner edition: no never-publish phrase in any file written (macros/build/term_scan.py).
    The HTML files were read once, by the CSP scan of this build (`_security_headers`, csp.py), which
    noted each one holding a comment; nothing writes HTML after it.
    """
    if not _commented:  # never check nothing: without this build's scan, no page was looked at
        raise PluginError("mkdocs.yml: expected every built page to be checked for HTML comments (notes for "
                          "authors) before anything is published, found that this build skipped that check, so "
                          f"nothing was published: {SKIPPED_STEP}")
    commented = _commented.pop()
    if commented:
        first = min(commented, key=lambda name: PurePosixPath(name).parts)  # the first of the site's folders, sorted
        raise PluginError(f"{first}: expected no HTML comment in a "
                          "built page (comments are notes for authors), found one: it comes from a template in "
                          "overrides/ or a plugin, as page comments are removed before Markdown; remove it there")
    if not _public():
        return
    from macros.build.term_scan import report, scan_folder
    from macros.content.never_publish import load
    state = site.current
    assert state is not None
    terms = state.terms if state.terms is not None else load(state.root)  # prepare() read it for this build
    found = scan_folder(Path(config["site_dir"]), terms, state.root, "site-public")
    if found:
        raise PluginError(report(found))



on_post_build = CombinedEvent(_finish_site, _security_headers, _check_manifest, _never_publish)


def on_env(env: Any, config: Any, files: Any) -> Any:
    """The print page is rendered with this build's templates, not compiled again (macros/build/print_speed.py).

    Partner edition: every page is rendered by now and no file is copied yet, so docs/ files no
    public page refers to are left out here (macros/build/manifest.py).
    """
    print_speed.share_env(config, env)
    if _public():
        assert site.current is not None
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        rendered = {page.file.src_uri: page.content or "" for page in pages}
        problems = (unseen_guidance(site.current.catalog, site.current.docs, rendered)
                    + unseen_steps(site.current.paths.values(), rendered))
        if problems:
            raise PluginError(str(ChecklistErrors(problems)))
        site.current.manifest = leave_out_unreferenced(files, pages, config)
    return env
