"""Files opt in: what the partner edition copies from docs/, and its output checked against a manifest by origin.

A file in docs/ that is not a page (an image, a download, a `.bak`, a stray
note) reaches the partner edition only when a public page refers to it; the
print page is made of the same pages, so it refers to nothing else. The rest
is marked excluded before MkDocs copies anything (`leave_out_unreferenced`),
so it is never written.

After the build, every file in the partner site must have an origin
(`check_output`): the HTML of a public page, a docs/ file a public page refers
to, the theme's and the overrides' assets, a file an enabled plugin wrote
(a copy of one of its own files, or one it is known to generate), or the
build's own files (404 page, sitemap, `_headers`). Anything else stops the
build, naming the file.

Source maps are published by neither edition: `*.map` files are dropped and
the `sourceMappingURL` comments pointing at them are cut from the copied scripts.
"""
from __future__ import annotations

import os
import posixpath
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

from mkdocs.structure.files import File, Files, InclusionLevel

# Attributes that make a browser fetch or offer a file, and CSS url(...) in inline styles.
REFERENCE = re.compile(r"""\b(?:src|href|data|poster)\s*=\s*["']([^"']+)["']"""
                       r"""|\bsrcset\s*=\s*["']([^"']+)["']|\burl\(\s*["']?([^"')]+)""", re.IGNORECASE)
SOURCE_MAP_COMMENT = re.compile(rb"\s*(?://[#@] *sourceMappingURL=[^\n]*|/\*[#@] *sourceMappingURL=[^*]*\*/)\s*$")
# Files plugins generate rather than copy, by the name they are enabled under (mkdocs.yml `plugins:`).
GENERATED_BY = {
    "search": ("search/search_index.json",), "material/search": ("search/search_index.json",),
    "offline": ("search/search_index.js",), "material/offline": ("search/search_index.js",),
}
BUILD_FILES = ("_headers", "sitemap.xml.gz")  # csp.py's headers; MkDocs gzips the sitemap template


class ManifestError(Exception):
    """The partner site holds a file no public page, theme, plugin or build step accounts for."""


def is_source_map(name: str) -> bool:
    return name.lower().endswith(".map")


def drop_source_maps(files: Files) -> Files:
    """No `*.map` file is copied, whichever edition, theme or folder it comes from."""
    for file in [f for f in files if is_source_map(f.dest_uri)]:
        files.remove(file)
    return files


def cut_source_map_comments(site_dir: Path, files: Files) -> None:
    """Remove `sourceMappingURL` comments from the scripts and stylesheets copied from the theme and docs/."""
    for file in files:
        if file.is_documentation_page() or not file.dest_uri.endswith((".js", ".css")):
            continue
        path = site_dir / file.dest_uri
        try:
            with path.open("rb") as handle:
                size = handle.seek(0, os.SEEK_END)
                handle.seek(max(0, size - 512))
                if b"sourceMappingURL" not in handle.read():
                    continue  # the comment is always last: most files need no more than this read
        except OSError:
            continue  # not written (left out): nothing to cut
        data = path.read_bytes()
        path.write_bytes(SOURCE_MAP_COMMENT.sub(b"\n", data))


def references(html: str, page_url: str) -> set[str]:
    """Site paths (`assets/x.png`) that a page's HTML refers to, resolved from the page's URL."""
    base = "http://site/" + (page_url or "")
    found = set()
    for match in REFERENCE.finditer(html):
        raw = match.group(1) or match.group(3)
        targets = [raw] if raw else [part.split()[0] for part in match.group(2).split(",") if part.split()]
        for target in targets:
            target = target.strip()
            if not target or target.startswith(("#", "data:", "mailto:", "javascript:")):
                continue
            parts = urlsplit(urljoin(base, target))
            if parts.netloc != "site":
                continue  # another site: not a file of this one
            found.add(unquote(parts.path).lstrip("/"))
    return found


def _under(path: str | None, folder: str) -> bool:
    """Whether a file's absolute source path lies inside `folder` (both normalised, as MkDocs gives them)."""
    return path is not None and os.path.normpath(path).startswith(folder)


#: What the overrides folder ships to a site: the project's scripts and stylesheets (templates are rendered, not
#: copied). Anything else there (a note, a backup) is left out of the partner edition like an unreferenced docs/ file.
SHIPPED = ("assets/javascripts/", "assets/stylesheets/")


@dataclass
class Manifest:
    """What the partner site may hold, by origin (dest paths relative to the site folder)."""
    pages: set[str] = field(default_factory=set)  # public pages' HTML
    docs_files: set[str] = field(default_factory=set)  # docs/ files a public page refers to
    left_out: list[str] = field(default_factory=list)  # docs/ files no public page refers to (not copied)
    theme: set[str] = field(default_factory=set)  # the theme's and the overrides' assets
    generated: set[str] = field(default_factory=set)  # files plugins added to MkDocs' list


def leave_out_unreferenced(files: Files, pages: Iterable[Any], config: Any) -> Manifest:
    """Mark every docs/ file that no public page refers to as excluded, before MkDocs copies files.

    `pages` are the public pages, already rendered to HTML (MkDocs renders every
    page before it copies files). Files named in mkdocs.yml (extra_css,
    extra_javascript, the theme's logo and favicon) count as referred to.
    """
    docs_dir = os.path.join(os.path.normpath(os.path.abspath(config["docs_dir"])), "")
    custom = config["theme"].custom_dir
    overrides = os.path.join(os.path.normpath(os.path.abspath(custom)), "") if custom else ""
    manifest = Manifest()
    candidates: list[File] = []
    for file in files:
        if file.is_documentation_page():
            manifest.pages.add(file.dest_uri)
        elif getattr(file, "generated_by", None):
            manifest.generated.add(file.dest_uri)
        elif _under(file.abs_src_path, docs_dir):
            candidates.append(file)
        elif overrides and _under(file.abs_src_path, overrides) and not file.dest_uri.startswith(SHIPPED):
            file.inclusion = InclusionLevel.EXCLUDED  # a note or backup left in overrides/: never an asset
            manifest.left_out.append(f"overrides/{file.src_uri}")
        else:
            manifest.theme.add(file.dest_uri)
    # A page can refer to a file only by a path ending in its name: read the few pages that hold one.
    names = {form for file in candidates for form in (posixpath.basename(file.dest_uri),
                                                     quote(posixpath.basename(file.dest_uri)))}
    wanted: set[str] = set()
    for page in pages if names else ():
        content = page.content or ""
        if any(name in content for name in names):
            wanted |= references(content, page.url)
    theme = config["theme"]
    named = [*map(str, config["extra_css"]), *map(str, config["extra_javascript"]),
             str(theme.get("logo") or ""), str(theme.get("favicon") or "")]
    wanted |= {unquote(urlsplit(name).path).lstrip("/") for name in named if name}
    for file in candidates:
        if file.dest_uri in wanted:
            manifest.docs_files.add(file.dest_uri)
        else:
            file.inclusion = InclusionLevel.EXCLUDED  # copy_static_files skips it
            manifest.left_out.append(file.src_uri)
    return manifest


def _plugin_files(config: Any) -> tuple[set[str], list[Path]]:
    """(files the enabled plugins generate, the package folders the others copy their own files from)."""
    generated: set[str] = set()
    folders: list[Path] = []
    for name, plugin in config["plugins"].items():
        generated.update(GENERATED_BY.get(name, ()))
        print_file: File | None = getattr(plugin, "print_file", None)  # mkdocs-print-site-plugin's page
        if print_file is not None:
            generated.add(print_file.dest_uri)
        package = sys.modules.get(type(plugin).__module__.split(".")[0])
        if getattr(package, "__file__", None):  # hooks have no package of their own
            folders.append(Path(package.__file__).parent)  # type: ignore[union-attr, arg-type]
    return generated, folders


def _copied_from(folders: list[Path], relative: str) -> bool:
    """Whether a plugin's package holds a file at this path (its own asset, copied; minify.py may shrink it)."""
    return any((folder / relative).is_file() for folder in folders)


def check_output(site_dir: Path, manifest: Manifest, config: Any) -> None:
    """Every file in the partner site has an origin, and none is a source map; raises ManifestError naming the rest."""
    generated, folders = _plugin_files(config)
    known = (manifest.pages | manifest.docs_files | manifest.theme | manifest.generated | generated
             | set(BUILD_FILES) | set(config["theme"].static_templates))
    stray: list[str] = []
    for folder, _, names in os.walk(site_dir):
        for name in names:
            relative = os.path.relpath(os.path.join(folder, name), site_dir).replace(os.sep, "/")
            if is_source_map(relative) or (relative not in known and not _copied_from(folders, relative)):
                stray.append(relative)
    if stray:
        raise ManifestError(
            f"expected only files with an origin in the partner edition (public pages, files they refer to, the "
            f"theme's and plugins' assets, the build's own files), found {', '.join(sorted(stray))}: nothing was "
            "published; a file from docs/ is copied only when a page with 'audience: public' links to it")
