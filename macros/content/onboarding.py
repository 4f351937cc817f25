"""Onboarding programmes: ordered learning paths declared in `data/onboarding/*.yml`.

    id: employee
    title: New colleague programme
    summary: Four weeks from first principles to a first real assessment.
    audience: internal          # optional; the whole path is left out of the partner edition
    modules:
      - id: week-1
        title: "Week 1: foundations"
        audience: internal      # optional; the whole module is left out of the partner edition
        steps:
          - id: why-partner
            title: Read why we partner at all
            page: principles/why-partner.md        # a page in docs/, optionally with #heading
            outcome: You can explain why we partner rather than do everything ourselves.
            audience: internal  # optional; the step is left out of the partner edition

`summary` and `outcome` take inline Markdown, links included, by the checklists' rules (macros/content/text_links.py).

In the partner edition, an internal module and a step whose page is internal
(its front matter does not say `audience: public`, see macros/content/audience.py)
are left out; a module left with no steps drops out, and a path left with no
steps is an error, so a partner never gets an empty path.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path

from macros.content.anchors import DocsIndex
from macros.content.audience import visible
from macros.content.errors import ChecklistError, ChecklistErrors
from macros.content.loader import MAX_ITEMS, _Checker, _load_yaml, _Map, id_line, newer_first, read_data_file
from macros.content.model import TextLink
from macros.content.text_links import link_problems

PATH_FIELDS = {"id": True, "title": True, "summary": True, "modules": True, "audience": False}
MODULE_FIELDS = {"id": True, "title": True, "steps": True, "audience": False}
STEP_FIELDS = {"id": True, "title": True, "page": True, "outcome": True, "audience": False}


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    page: str
    outcome: str
    audience: str | None = None


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    steps: tuple[Step, ...]
    audience: str | None = None


@dataclass(frozen=True)
class Path_:
    id: str
    title: str
    summary: str
    modules: tuple[Module, ...]
    audience: str | None
    source: str
    links: tuple[TextLink, ...] = ()  # links to pages of docs/ in its summary and outcomes (the edition's, once filtered)

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(s for m in self.modules for s in m.steps)


def parse_path(text: str, source: str, docs: DocsIndex, bounded: bool = False) -> Path_:
    """One onboarding programme; `bounded`: the text comes from `read_data_file`, already checked within bounds."""
    data = _load_yaml(text, source, bounded)
    check = _Checker(source, nouns=("programme", "step"))
    if not check.mapping(data, "the onboarding programme", 1):
        raise ChecklistErrors(check.errors)
    assert isinstance(data, _Map)
    check.checklist = data.get("id") if isinstance(data.get("id"), str) else None
    check.fields(data, PATH_FIELDS, "onboarding programme")
    pid, title = check.slug(data, "id"), check.text(data, "title")
    summary = check.linked_text(data, "summary", "programme")
    audience = check.audience(data)
    modules = []
    seen: set[str] = set()
    raw_modules = data.get("modules")
    steps_count = sum(len(m["steps"]) for m in raw_modules if isinstance(m, dict) and isinstance(m.get("steps"), list)) \
        if isinstance(raw_modules, list) else 0
    if steps_count > MAX_ITEMS:  # like a checklist's items: a page, and a list of ticks, people can finish
        check.fail(f"at most {MAX_ITEMS} steps in one onboarding programme (split it into several programmes)",
                   f"{steps_count:,} steps", line=data.key_lines.get("modules"), field="modules")
        raise ChecklistErrors(check.errors)
    if "modules" in data and (not isinstance(raw_modules, list) or not raw_modules):
        check.fail("a non-empty list of modules", "something else", line=data.key_lines.get("modules"), field="modules")
        raw_modules = []
    for module in raw_modules or []:
        if not check.mapping(module, "a module", data.key_lines.get("modules")):
            continue
        check.fields(module, MODULE_FIELDS, "module")
        steps = []
        raw_steps = module.get("steps")
        if "steps" in module and (not isinstance(raw_steps, list) or not raw_steps):
            check.fail("a non-empty list of steps", "something else", line=module.key_lines.get("steps"), field="steps")
            raw_steps = []
        for step in raw_steps or []:
            if not check.mapping(step, "a step", module.key_lines.get("steps")):
                continue
            sid = step.get("id") if isinstance(step.get("id"), str) else "?"
            check.fields(step, STEP_FIELDS, "step", sid)
            sid = check.slug(step, "id", sid)
            if sid in seen:
                check.fail("step ids that are unique within the programme", f"step '{sid}' again",
                           line=step.key_lines.get("id"), item=sid, field="id")
            seen.add(sid)
            page = check.text(step, "page", sid)
            target, _, anchor = page.partition("#")
            if page and target not in docs.anchors:
                near = difflib.get_close_matches(target, docs.anchors, n=1, cutoff=0.6)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                check.fail("a page that exists in docs/", f"'{target}', which does not exist{hint}",
                           line=step.key_lines.get("page"), item=sid, field="page")
            elif page and anchor and anchor not in docs.anchors[target]:
                check.fail(f"a heading id that exists on {target}", f"'#{anchor}', which is not a heading there",
                           line=step.key_lines.get("page"), item=sid, field="page")
            steps.append(Step(sid, check.text(step, "title", sid), page, check.linked_text(step, "outcome", "step", sid),
                              check.audience(step, sid)))
        modules.append(Module(check.slug(module, "id"), check.text(module, "title"), tuple(steps),
                              check.audience(module)))
    check.errors += link_problems(source, check.checklist, check.links, docs)
    if check.errors:
        raise ChecklistErrors(check.errors)
    return Path_(pid, title, summary, tuple(modules), audience, source, tuple(check.links))


def load_paths(data_dir: Path, docs: DocsIndex, root: Path) -> dict[str, Path_]:
    errors: list[ChecklistError] = []
    paths: dict[str, Path_] = {}
    files: dict[str, Path] = {}
    for file in sorted(data_dir.glob("*.yml")) if data_dir.is_dir() else []:
        source = file.relative_to(root).as_posix()
        files[source] = file
        try:
            path = parse_path(read_data_file(file, source), source, docs, bounded=True)
        except ChecklistErrors as problem:
            errors += problem.errors
            continue
        if path.id in paths:
            newer, older = newer_first(paths[path.id].source, source, files)
            errors.append(ChecklistError(newer, "a programme id used by one file only",
                                         f"'{path.id}', already the id of {older} (give this programme a new id)",
                                         line=id_line(files[newer]), field="id"))
            continue
        paths[path.id] = path
    if errors:
        raise ChecklistErrors(errors)
    return paths


def for_edition(paths: dict[str, Path_], edition: str, docs: DocsIndex) -> tuple[dict[str, Path_], list[ChecklistError]]:
    """Paths as an edition shows them; public paths keep only public steps on public pages."""
    kept, errors = {}, []
    for path in paths.values():
        if not visible(path.audience, edition):
            continue
        modules = []
        for module in path.modules:
            if not visible(module.audience, edition):
                continue
            steps = tuple(s for s in module.steps if visible(s.audience, edition)
                          and visible(docs.audience(s.page.partition("#")[0]), edition))
            if steps:  # a module left with no public step is left out
                modules.append(replace(module, steps=steps))
        if not modules:
            errors.append(ChecklistError(path.source, "at least one public step in a programme the partner edition shows",
                                         "only internal steps (mark the programme 'audience: internal' or add public steps)",
                                         checklist=path.id, field="modules", nouns=("programme", "step")))
            continue
        shown = {step.id for module in modules for step in module.steps}
        kept[path.id] = replace(path, modules=tuple(modules), links=tuple(
            link for link in path.links if link.part == "programme" or link.part_id in shown))
    return kept, errors
