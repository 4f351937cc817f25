"""What one build knows about checklists: loaded and validated once, shared by the macro and the hooks."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError

from macros.content.anchors import DocsIndex, scan_docs
from macros.content.audience import EDITIONS, for_edition, hidden_guidance, internal_guidance, unseen_links, visible
from macros.content.partner_view import headings_saying_internal, hidden_headings
from macros.content.errors import ChecklistError, ChecklistErrors
from macros.render.guidance import back_links, BackLink
from macros.content import never_publish
from macros.content.loader import load_catalog
from macros.content.model import Catalog
from macros.content.onboarding import Path_, for_edition as paths_for_edition, load_paths
from macros.content.macro_calls import MACRO_CALL, PATH_CALL, check_pages, generated_pages, ids_called, pulled_in
from macros.build.manifest import Manifest
from macros.build.slots import Slots

log = logging.getLogger("mkdocs.plugins.playbook")

@dataclass
class BuildState:
    root: Path
    edition: str
    docs: DocsIndex
    catalog: Catalog  # filtered for the edition
    shown: dict[str, str]  # checklist id -> docs-relative page that shows it
    use_directory_urls: bool = True
    links: dict[str, dict[str, list[BackLink]]] = field(default_factory=dict)
    paths: dict[str, Path_] = field(default_factory=dict)
    loads: int = 1
    slots: Slots = field(default_factory=Slots)
    path_pages: set[str] = field(default_factory=set)  # pages that call onboarding()
    path_shown: dict[str, str] = field(default_factory=dict)  # programme id -> the edition's page that shows it
    step_pages: frozenset[str] = frozenset()  # pages holding a step of the edition's programmes (the rest get no bar)
    generated_pages: set[str] = field(default_factory=set)  # pages that list every checklist or heading
    page_count: tuple[int, int] = (0, 0)  # partner edition: (public pages, all pages)
    manifest: Manifest | None = None  # partner edition: what its site may hold (macros/build/manifest.py)
    terms: never_publish.Terms | None = None  # data/never-publish.yml, read and validated once by prepare()


__all__ = ["MACRO_CALL", "BuildState", "current", "partner_view", "prepare"]


current: BuildState | None = None


def _jinja(config: Any) -> jinja2.Environment:
    """A Jinja environment with the macros plugin's delimiters, to check page syntax before rendering."""
    plugin = (config.get("plugins") or {}).get("macros")
    options = getattr(plugin, "config", None) or {}
    settings = {name: options[f"j2_{name}"] for name in (
        "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
        "comment_start_string", "comment_end_string") if options.get(f"j2_{name}")}
    return jinja2.Environment(**settings)  # noqa: S701 - parses only, renders nothing


def _hidden_headings(docs: DocsIndex, pages: set[str]) -> dict[str, dict[str, str]]:
    """{page: {heading id: why partners do not see it}} for the pages public items point at.

    Each page's body as the docs scan read it (byte-order mark dropped, front matter apart): not read again.
    """
    hidden = {}
    for page in sorted(pages):
        body = docs.bodies.get(page)
        if body is None:
            continue  # a page that cannot be read, or is too large to read, is reported by the docs index
        hidden[page] = hidden_headings(body, jinja=docs.meta.get(page, {}).get("render_macros") is True)
    return hidden


def partner_view(docs: DocsIndex) -> DocsIndex:
    """The docs index as partners see it: public pages only, without the headings they do not see."""
    public = [page for page in docs.anchors if docs.audience(page) == "public"]
    hidden = _hidden_headings(docs, set(public))
    return replace(docs, anchors={page: {anchor: words for anchor, words in docs.anchors[page].items()
                                         if anchor not in hidden.get(page, {})} for page in public},
                   titles={page: docs.titles[page] for page in public if page in docs.titles})


def prepare(config: Any) -> BuildState:
    """Load, validate and filter every checklist once per build. Raises PluginError with every problem."""
    global current
    root = Path(config["config_file_path"]).resolve().parent
    docs_dir = Path(config["docs_dir"]).resolve()
    data_dir = root / "data" / "checklists"
    edition = (config.get("extra") or {}).get("edition", "internal")
    if edition not in EDITIONS:
        raise PluginError(f"mkdocs.yml: extra.edition: expected one of {', '.join(EDITIONS)}, found {edition!r}")
    docs = scan_docs(docs_dir)
    if docs.unreadable:  # only these: every other message would blame the files that point at them
        raise PluginError(str(ChecklistErrors(docs.unreadable)))
    jinja = _jinja(config)
    page_problems = docs.problems + check_pages(docs, jinja)
    if edition == "public":
        public = sorted(page for page in docs.anchors if docs.audience(page) == "public")
        page_problems += pulled_in(docs, jinja, set(public))
        for page in public:  # a heading saying internal hides nothing (partner_view.py)
            if page in docs.bodies:
                page_problems += headings_saying_internal(docs.bodies[page], f"docs/{page}", docs.body_lines[page],
                                                          jinja=docs.meta.get(page, {}).get("render_macros") is True)
    try:
        full = load_catalog(data_dir, docs_dir, root=root, docs=docs)
        all_paths = load_paths(root / "data" / "onboarding", docs, root)
        terms = never_publish.load(root)  # checked like any author input, in both editions; read once per build
    except ChecklistErrors as errors:
        raise PluginError(str(ChecklistErrors(page_problems + errors.errors))) from None
    catalog = for_edition(full, edition)
    paths, problems = paths_for_edition(all_paths, edition, docs)
    problems = page_problems + problems
    in_edition = (lambda page: visible(docs.audience(page), edition))  # noqa: E731 - pages opt in (audience.py)
    path_calls = ids_called(docs, PATH_CALL)
    for pid, pages in sorted(path_calls.items()):
        for page in pages:
            if pid not in paths and not (pid in all_paths and not in_edition(page)):
                known = ", ".join(sorted(all_paths)) or "none"
                problems.append(ChecklistError(
                    f"docs/{page}", f"the id of a path in data/onboarding/ the {edition} edition shows (known: {known})",
                    f"onboarding(\"{pid}\")"))
    if edition == "public":
        problems += internal_guidance(catalog, docs)
        linked = [(c.source, c.id, c.links) for c in catalog if c.links] + \
                 [(p.source, p.id, p.links) for p in paths.values() if p.links]
        hidden = _hidden_headings(docs, {i.guidance_page for c in catalog for i in c.items}
                                  | {link.target.partition("#")[0] for _, _, links in linked for link in links})
        problems += hidden_guidance(catalog, hidden)
        for source, name, links in linked:  # links in public texts: only to what partners can open
            problems += unseen_links(source, name, links, docs, hidden)
    calls = ids_called(docs)
    shown: dict[str, str] = {}
    for cid, pages in sorted(calls.items()):
        for page in pages:
            if cid in catalog:
                if in_edition(page):
                    shown.setdefault(cid, page)
            elif cid in full:
                if in_edition(page):
                    problems.append(ChecklistError(
                        f"docs/{page}", "a checklist the partner edition includes",
                        f"checklist(\"{cid}\"), which is internal (remove 'audience: public' from the page's "
                        "front matter to keep the page internal)"))
            else:
                known = ", ".join(sorted(full.checklists)) or "none"
                problems.append(ChecklistError(
                    f"docs/{page}", f"the id of a checklist in data/checklists/ (known: {known})",
                    f"checklist(\"{cid}\")"))
    for checklist in catalog:
        if checklist.id not in shown and calls.get(checklist.id):
            problems.append(ChecklistError(
                checklist.source, "a public checklist shown on a page the partner edition includes",
                f"checklist '{checklist.id}' only on internal page(s) "
                f"{', '.join('docs/' + p for p in calls[checklist.id])} (mark the checklist 'audience: internal', "
                "or show it on a public page)", checklist=checklist.id, field="audience"))
    if problems:
        raise PluginError(str(ChecklistErrors(problems)))
    for checklist in catalog:
        if checklist.id not in shown:
            log.warning(f"{checklist.source}: checklist '{checklist.id}' is on no page: "
                        f"add {{{{ checklist(\"{checklist.id}\") }}}} to a page with 'render_macros: true'")
    current = BuildState(root, edition, docs, catalog, shown,
                         bool(config.get("use_directory_urls", True)))
    current.links = back_links(catalog, shown)
    current.paths = paths
    current.path_pages = {page for pages in path_calls.values() for page in pages}
    current.path_shown = {pid: shown_on[0] for pid in paths
                          if (shown_on := [page for page in path_calls.get(pid, []) if in_edition(page)])}
    current.step_pages = frozenset(step.page.partition("#")[0] for path in paths.values() for step in path.steps)
    current.generated_pages = generated_pages(docs)
    current.terms = terms  # data/never-publish.yml as validated above, for the partner build's last gate (hooks.py)
    return current
