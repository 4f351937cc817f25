"""A built edition read back as a reader sees it: each page's title and text by heading, each other file's hash.

`read_site(folder)` gives the pages by address ("how-to/part-ways/"), each titled by its place in the
navigation ("How-to guides › How to part ways") with the sentences of its article grouped by heading path
("Fair price › Warning signs"; "" before the first heading), and every other file by path with its SHA-256.
Used by `partner_diff.py` to compare two builds of the partner edition.
"""
from __future__ import annotations

import hashlib
import html.parser
import re
from dataclasses import dataclass, field
from pathlib import Path

# Files the build writes from the pages themselves (their changes only repeat the pages'); 404.html is not a page.
SUMMARIES = {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "_headers", "404.html"}


@dataclass
class Page:
    title: str
    sections: dict[str, list[str]]  # heading (numbered when repeated) -> sentences, in order


BLOCKS = {"p", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "pre", "blockquote", "figure",
          "figcaption", "caption", "legend", "summary", "details", "div", "section", "fieldset", "label", "br",
          "hr", "form", "h1", "h2", "h3", "h4", "h5", "h6"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"script", "style", "template", "svg"}
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "track"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(\[]?[A-Z0-9])")


class _Reader(html.parser.HTMLParser):
    """A built page's title (its place in the navigation) and the text of its article, by heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.trail: list[str] = []  # labels of the active navigation items, outermost first
        self.sections: dict[str, list[str]] = {}
        self._in_title = False
        self._stack: list[list[str]] = []  # open elements: [tag, role]; role: article, skip, nav, li, li-on, label
        self._text: list[str] = []
        self._heading: list[str] | None = None  # the text of a heading being read
        self._section = ""  # the section being read: "" until the first heading below the page's title
        self._seen: dict[str, int] = {}
        self._path: list[tuple[int, str]] = []  # the headings above the text being read: (level, text)
        self._label: list[str] | None = None

    def _inside(self, role: str) -> bool:
        return any(r == role for _, r in self._stack)

    def _reading(self) -> bool:
        return self._inside("article") and not self._inside("skip")

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if text:
            self.sections.setdefault(self._section, []).extend(SENTENCE_END.split(text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        self._in_title = self._in_title or tag == "title"
        role = ""
        if tag in SKIPPED or "headerlink" in classes:
            role = "skip"
        elif tag == "article" and "md-content__inner" in classes:
            role = "article"
        elif tag == "nav" and "md-nav--primary" in classes:
            role = "nav"
        elif tag == "li" and self._inside("nav"):
            role = "li-on" if "md-nav__item--active" in classes else "li"
        elif tag == "span" and "md-ellipsis" in classes and self._label is None:
            # The first label inside an active item of the navigation, not the labels of the items it holds.
            owner = next((entry for entry in reversed(self._stack) if entry[1] in ("li", "li-on", "li-done")), None)
            if owner is not None and owner[1] == "li-on":
                owner[1], role, self._label = "li-done", "label", []
        if self._reading():
            if tag in BLOCKS:
                self._flush()
            if tag in HEADINGS:
                self._heading = []
            if tag == "img":
                self._text.append(f" [image: {a.get('alt') or a.get('src', '').rsplit('/', 1)[-1]}] ")
        if tag not in VOID:
            self._stack.append([tag, role])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in VOID or not any(t == tag for t, _ in self._stack):
            return
        while self._stack:
            open_tag, role = self._stack.pop()
            if role == "label" and self._label is not None:
                self.trail.append(" ".join("".join(self._label).split()))
                self._label = None
            if self._reading() and open_tag in HEADINGS and self._heading is not None:
                self._open_section(open_tag, " ".join("".join(self._heading).split()))
            elif self._reading() and open_tag in BLOCKS:
                self._flush()
            if open_tag == tag:
                break

    def _open_section(self, tag: str, name: str) -> None:
        """A heading below the page's title starts a section named by its headings, e.g. "Fair price › Warning signs"."""
        self._heading = None
        level = int(tag[1])
        if level == 1 or not name:
            return
        self._path = [(lvl, text) for lvl, text in self._path if lvl < level] + [(level, name)]
        path = " › ".join(text for _, text in self._path)
        count = self._seen[path] = self._seen.get(path, 0) + 1
        self._section = path if count == 1 else f"{path} ({count})"

    def close(self) -> None:
        super().close()
        self._flush()  # text after the last block

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._label is not None:
            self._label.append(data)
        if self._reading():
            (self._heading if self._heading is not None else self._text).append(data)


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8", errors="replace"))
    reader.close()
    title = " ".join(reader.title.split()).rsplit(" - ", 1)[0] if reader.title else ""
    trail = [t for t in reader.trail if t]
    return Page(" › ".join(trail) if trail else title or path.parent.name, reader.sections)


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)  # address ("how-to/part-ways/") -> page
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256


def address(relative: str) -> str:
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def read_site(root: Path) -> Site:
    site = Site()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if relative.endswith(".html") and relative not in SUMMARIES:
            site.pages[address(relative)] = read_page(path)
        else:
            site.files[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return site
