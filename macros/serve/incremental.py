"""Rebuild only what an edit changes, for `make serve` at handbook scale.

MkDocs' own serve rebuilds every page after any edit (its `--dirty` mode is
faster but wrong: stale pages and a shrunken search index). A `Session`
keeps one full build in memory and, after an edit, works out which pages
that edit can change:

- an edited page, unless its title or front matter changed (the navigation of
  every page shows titles, so that is a full rebuild);
- for an edited checklist, the page that shows it and every page whose
  "assessed by" asides change;
- for a changed heading, the pages whose checklists link to that page, since
  their guidance labels quote the heading.

Every checklist is still loaded and validated on every rebuild; heading
anchors of all pages are checked again; the search index and the print
version are written again from the updated pages. Anything else (mkdocs.yml,
macros, overrides, onboarding paths, a file added or removed) gets a full
build. tests/test_incremental.py proves the result equals a clean build.

This drives MkDocs 1.6's build steps (`mkdocs.commands.build`) directly;
requirements pin MkDocs below 2.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkbuild
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.utils import CountHandler, clean_directory

from macros.build import site
from macros.build.safe_build import ConfigError, site_dir

WATCHED = ("docs", "data", "macros", "overrides")


def snapshot(root: Path, config_file: Path) -> dict[str, int]:
    """Modification time of every watched file, by path relative to `root`."""
    found = {config_file.name: config_file.stat().st_mtime_ns}
    for top in WATCHED:
        for folder, dirs, names in os.walk(root / top):
            dirs[:] = [d for d in dirs if d != "__pycache__" and not d.startswith(".")]
            for name in names:
                path = Path(folder) / name
                found[path.relative_to(root).as_posix()] = path.stat().st_mtime_ns
    return found


def read_within_bounds(config_file: Path) -> None:
    """mkdocs.yml and what it INHERITs read first within the YAML bounds (macros/content/safe_yaml.py):
    MkDocs' own reading has none, so an alias bomb there would hang the server."""
    try:
        site_dir(config_file)
    except ConfigError as error:
        raise ConfigurationError(str(error)) from None


class CodeChanged(Exception):
    """Python code of the project changed: only a new process loads it."""


class Session:
    """One site kept in memory between edits."""

    def __init__(self, config_file: str | Path, site_dir: str | Path, **overrides: Any) -> None:
        self.config_file = Path(config_file).resolve()
        self.root = self.config_file.parent
        self.site_dir = str(site_dir)
        self.overrides = overrides
        self.config: Any = None  # None until a full build succeeds
        self.seen: dict[str, int] = {}

    # -- Full build: MkDocs' own build, keeping what an update needs ----------
    def full(self, config: Any = None) -> None:
        """A clean build. `config`: mkdocs.yml already loaded for this session (`make serve` reads it once at
        start-up); by default it is read again, since it may have changed."""
        self.config = None
        self.seen = snapshot(self.root, self.config_file)
        if config is None:
            read_within_bounds(self.config_file)
            config = load_config(str(self.config_file), site_dir=self.site_dir, **self.overrides)
        config.plugins.on_startup(command="serve", dirty=False)
        with _strict(config):
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            clean_directory(config.site_dir)
            files = mkbuild.get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            mkbuild.set_exclusions(files, config)
            nav = mkbuild.get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            inclusion = mkbuild.InclusionLevel.is_included
            for file in files.documentation_pages(inclusion=inclusion):
                if file.page is None:
                    mkbuild.Page(None, file, config)
                mkbuild._populate_page(file.page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(inclusion=inclusion)
            for template in config.theme.static_templates:
                mkbuild._build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                mkbuild._build_extra_template(template, files, config, nav)
            docs = files.documentation_pages(inclusion=inclusion)
            for file in docs:
                mkbuild._build_page(file.page, config, docs, nav, env)
            self._finish(config, files, docs)
        self.config, self.files, self.nav, self.env, self.docs = config, files, nav, env, docs

    def _finish(self, config: Any, files: Any, docs: Any) -> None:
        for file in docs:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)

    # -- After an edit -----------------------------------------------------------
    def update(self) -> str:
        """Bring the site up to date with the files on disk; returns what was done."""
        now = snapshot(self.root, self.config_file)
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        if not changed:
            return "nothing"
        if any(p.endswith(".py") for p in changed):
            raise CodeChanged(", ".join(sorted(p for p in changed if p.endswith(".py"))))
        if self.config is None:
            self.full()
            return "full"
        try:
            # One strict scope, as `mkdocs build --strict`: a warning while validating or rebuilding fails the update.
            with _strict(self.config):
                pages = self._pages_for(changed, now)
                if pages is not None:
                    self.seen = now
                    self._rebuild(pages)
        except BaseException:
            if self.seen is now:
                self.config = None  # pages were half rebuilt: the next edit gets a full, clean build
            raise
        if pages is None:
            self.full()
            return "full"
        return f"{len(pages)} page(s)"

    def _pages_for(self, changed: set[str], now: dict[str, int]) -> set[str] | None:
        """Docs-relative pages an edit can change, or None when only a full build is safe."""
        if site.current is None:
            return None
        pages = {p.removeprefix("docs/") for p in changed if p.startswith("docs/") and p.endswith(".md")}
        lists = {p for p in changed if p.startswith("data/checklists/") and p.endswith((".yml", ".yaml"))}
        if changed - {"docs/" + p for p in pages} - lists:
            return None  # configuration, code, theme, onboarding paths or other files
        if any(p not in now or p not in self.seen for p in changed):
            return None  # a file was added or removed
        before = site.current
        after = site.prepare(self.config)  # validates every checklist again; raises on a bad edit
        for page in pages:
            if (before.docs.titles.get(page) != after.docs.titles.get(page)
                    or before.docs.meta.get(page) != after.docs.meta.get(page)):
                return None  # titles are in every page's navigation; front matter changes rendering
        affected = set(pages)
        for cid in set(before.shown) | set(after.shown):
            old, new = before.catalog.checklists.get(cid), after.catalog.checklists.get(cid)
            if old != new or before.shown.get(cid) != after.shown.get(cid) or any(
                    item.guidance_page in pages and before.docs.anchors.get(item.guidance_page)
                    != after.docs.anchors.get(item.guidance_page) for item in (new.items if new else ())):
                affected |= {p for p in (before.shown.get(cid), after.shown.get(cid)) if p}
        for target in set(before.links) | set(after.links):
            if before.links.get(target) != after.links.get(target):
                affected.add(target)
        if any(before.docs.anchors.get(p) != after.docs.anchors.get(p) for p in pages):
            affected |= after.path_pages  # onboarding steps quote headings too
        if lists or any(before.docs.anchors.get(p) != after.docs.anchors.get(p) for p in pages):
            affected |= after.generated_pages  # lists of every checklist and heading (reference_pages.py)
        return affected

    def _rebuild(self, pages: set[str]) -> None:
        config, files = self.config, self.files
        targets = []
        for src in sorted(pages):
            file = files.get_file_from_path(src)
            if file is None or file.page is None:
                continue  # a page the edition leaves out
            targets.append(file.page)
        search = next((p for p in config.plugins.values() if hasattr(getattr(p, "search_index", None), "entries")), None)
        for page in targets:
            mkbuild._populate_page(page, config, files)
        if search is not None:
            urls = {page.url for page in targets}
            search.search_index.entries = [
                e for e in search.search_index.entries if e["location"].split("#", 1)[0] not in urls]
        for page in targets:
            mkbuild._build_page(page, config, self.docs, self.nav, self.env)
        self._finish(config, files, self.docs)


class _strict:
    """Count warnings like `mkdocs build --strict` and fail at the end if there were any."""

    def __init__(self, config: Any) -> None:
        self.config, self.counter = config, CountHandler()
        self.counter.setLevel(logging.WARNING)

    def __enter__(self) -> None:
        if self.config.strict:
            logging.getLogger("mkdocs").addHandler(self.counter)

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if kind is None and (counts := self.counter.get_counts()):
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")

