"""The last gate before partners: no never-publish phrase in any file the partner edition writes.

`make public` searches every file of the built site (pages, search index,
scripts' data, sitemap, print page, and the attachments public pages link:
PDFs, Office and OpenDocument files, read by macros/content/attachments.py);
`make pdf` the partner PDF's text and `make bundle` / `make dist` the zip's
files (macros/publish/). A hit stops with the source file and line the phrase
came from (found by searching the project's sources, and naming only those
that can reach partners) and the output file it reached. A file that cannot be
read cannot be checked: it stops the build too, with what to do. The phrases
and their exceptions are in data/never-publish.yml (macros/content/never_publish.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from macros.content.attachments import Unreadable, text_of
from macros.content.never_publish import FILE, Source, Sources, Terms, found_in

__all__ = ["hits", "report", "scan_folder", "text_of", "texts_of", "unreadable_message"]

NO_SOURCE = "no file in docs/, data/ or overrides/ (a template, the theme or a plugin wrote it)"


def hits(files: Iterable[tuple[str, str] | tuple[str, str, str]], terms: Terms, root: Path) -> list[str]:
    """One message per phrase and output file (name, text) it reached, unless an exception allows it.

    A hit passes only when every file that writes the phrase has an exception for it: which file an output's
    phrase came from is not known, and whether a source can reach partners is worked out from its markings
    (never_publish.Sources), so it only chooses the files the message names: those that write the phrase and
    can reach partners; when none can (the phrase came some other way), every one that writes it. A file
    copied as it is from docs/ (an attachment: name, text, its source) is its own and only source, and the
    only output it is a source of.
    """
    messages = []
    sources = Sources(root)
    where_from: dict[str, tuple[list[Source], list[Source]]] = {}  # term -> (to name first, every source)
    for name, text, *copied_from in files:
        for term in found_in(text, terms.terms):
            if terms.allows(term, name):
                continue
            if copied_from:
                every = candidates = [Source(copied_from[0], None, True)]
            else:
                if term not in where_from:
                    every = sources.lines(term)
                    reach = [s for s in every if s.reaches_partners]
                    # An attachment reaches partners as its own copy only, not in pages, search or print.
                    where_from[term] = ([s for s in reach if not s.is_attachment] or reach or every), every
                candidates, every = where_from[term]
            unexcepted = [source for source in every if not terms.allows(term, source.file)]
            if every and not unexcepted:
                continue  # every place that writes it has a written reason in the terms file
            shown = [source for source in candidates if not terms.allows(term, source.file)]
            why = ""
            if not shown:  # the likely sources all have exceptions; others write it too
                shown = unexcepted
                excepted = sorted({source.file for source in candidates})
                why = (f" (the {'exceptions' if len(excepted) > 1 else 'exception'} for {', '.join(excepted)} "
                       f"{'do' if len(excepted) > 1 else 'does'} not cover {', '.join(map(str, shown))}, which "
                       f"{'write' if len(shown) > 1 else 'writes'} it too, and the check cannot tell which file "
                       "partners got it from)")
            origin = ", ".join(map(str, shown)) or NO_SOURCE
            messages.append(f"{origin}: expected no never-publish phrase ({FILE}) in what partners receive, "
                            f"found '{term}' in {name}{why}: reword it, mark the passage '!!! internal' or the item "
                            f"'audience: internal', or add an exception with its reason to {FILE}")
    return messages


def unreadable_message(source: str, output: str, problem: Unreadable) -> str:
    """An attachment the scan cannot read, in an author's words: the file, what it is, what to do."""
    shipped = "" if source == output else f" (copied to {output})"
    return (f"{source}: expected a file partners receive to be one the never-publish check can read (a PDF; Word, "
            "Excel or PowerPoint saved as .docx, .xlsx or .pptx; an OpenDocument file; text saved as UTF-8; or an "
            f"image), found {problem.found}{shipped}: {problem.fix} (remove its link from every public page)")


def texts_of(files: Iterable[tuple[str, str, bytes]], problems: list[str]) -> Iterator[tuple[str, ...]]:
    """(output name, text) of each (source, output name, bytes) read one at a time, with the source when it is a
    file copied from docs/ as it is (not a page); a file that cannot be read adds its message to `problems`."""
    for source, name, data in files:
        try:
            text = text_of(name, data)
        except Unreadable as problem:
            problems.append(unreadable_message(source, name, problem))
            continue
        if text is None:
            continue
        if source.startswith("docs/") and not source.endswith(".md") and source != name:
            yield name, text, source
        else:
            yield name, text


def scan_folder(folder: Path, terms: Terms, root: Path, label: str) -> list[str]:
    """Messages for every file under `folder` (named `label/relative/path`) that cannot be read or holds a
    phrase; a file copied from docs/ is named by its source."""
    def files() -> Iterator[tuple[str, str, bytes]]:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                relative = path.relative_to(folder).as_posix()
                source = f"docs/{relative}" if (root / "docs" / relative).is_file() else f"{label}/{relative}"
                yield source, f"{label}/{relative}", path.read_bytes()
    problems: list[str] = []
    found = hits(texts_of(files(), problems), terms, root)
    return problems + found


def report(messages: list[str]) -> str:
    count = len(messages)
    return "\n".join([f"The partner edition was not published: {count} "
                      f"{'problem' if count == 1 else 'problems'} with what partners would receive "
                      "(never-publish phrases, or files the check cannot read):", *(f"  - {m}" for m in messages)])
