"""The last gate before partners: no never-publish phrase in any file the partner edition writes.

`make public` searches every file of the built site (pages, search index,
scripts' data, sitemap, print page); `make pdf` the partner PDF's text and
`make bundle` / `make dist` the zip's files (macros/publish/). A hit stops
with the source file and line the phrase came from (found by searching the
project's sources) and the output file it reached. The phrases and their
exceptions are in data/never-publish.yml (macros/content/never_publish.py).
"""
from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

from macros.content.never_publish import FILE, Terms, found_in, source_lines

# Files that hold no text a reader sees (images, fonts): not searched.
BINARY = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".eot", ".pdf", ".zip")


def text_of(name: str, data: bytes) -> str | None:
    """A built file's text (a .gz one unpacked), or None for images and fonts."""
    if name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return None
        name = name[:-3]
    if name.lower().endswith(BINARY):
        return None
    return data.decode("utf-8", errors="replace")


def hits(files: Iterable[tuple[str, str]], terms: Terms, root: Path) -> list[str]:
    """One message per phrase and output file (name, text) it reached, unless an exception allows it."""
    messages = []
    where_from: dict[str, list[tuple[str, int]]] = {}
    for name, text in files:
        for term in found_in(text, terms.terms):
            if terms.allows(term, name):
                continue
            sources = where_from.setdefault(term, source_lines(root, term))
            shown = [(file, line) for file, line in sources if not terms.allows(term, file)]
            if sources and not shown:
                continue  # every place that writes it has a written reason in the terms file
            origin = ", ".join(f"{file}:{line}" for file, line in shown) or \
                "no file in docs/, data/ or overrides/ (a template, the theme or a plugin wrote it)"
            messages.append(f"{origin}: expected no never-publish phrase ({FILE}) in what partners receive, "
                            f"found '{term}' in {name}: reword it, mark the passage '!!! internal' or the item "
                            f"'audience: internal', or add an exception with its reason to {FILE}")
    return messages


def scan_folder(folder: Path, terms: Terms, root: Path, label: str) -> list[str]:
    """`hits` for every file under `folder`, named `label/relative/path`."""
    def files() -> Iterable[tuple[str, str]]:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                text = text_of(path.name, path.read_bytes())
                if text is not None:
                    yield f"{label}/{path.relative_to(folder).as_posix()}", text
    return hits(files(), terms, root)


def report(messages: list[str]) -> str:
    count = len(messages)
    return "\n".join([f"The partner edition was not published: {count} never-publish "
                      f"{'phrase' if count == 1 else 'phrases'} found:", *(f"  - {m}" for m in messages)])
