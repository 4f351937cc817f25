"""Security headers for one built edition, with a Content-Security-Policy that fits what the build emitted.

`write_headers(site_dir, edition)` runs last in `on_post_build` (macros/build/hooks.py).
It reads every built HTML file, hashes each inline `<script>` that a browser
would run and each inline `<style>` element, and writes `_headers` at the top
of the site: the format Netlify and Cloudflare Pages read, and the file
`hosting/render_nginx.py` turns into an nginx server block. Scripts are
allowed only from the site itself or by hash: no 'unsafe-inline', no
'unsafe-eval'. A page the policy could not allow without weakening it (an
`onclick=` attribute, a `javascript:` link) stops the build, naming the file.
The scan reads HTML with regular expressions, which is fast enough for every
build; script it does not recognise (an entity-encoded `javascript:`, say) is
not let through but blocked by the browser, so a miss breaks a page rather
than weakening the policy.

Pure Python; testable without MkDocs.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HEADERS_FILE = "_headers"

#: Cache for a year: Material's fingerprinted assets (the name changes when the content does).
IMMUTABLE = "public, max-age=31536000, immutable"
HASHED_ASSET = re.compile(r"^assets/.+\.[0-9a-f]{8,}\.min\.(?:js|css)$")

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_ATTR = r"(?:^|\s){}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))"
_TYPE = re.compile(_ATTR.format("type"), re.IGNORECASE)
_SRC = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)
_EVENT = re.compile(r"[\s/](on[a-z]+)\s*=", re.IGNORECASE)  # "/" separates attributes too: <svg/onload=...>
_STYLE_ATTR = re.compile(r"[\s/]style\s*=", re.IGNORECASE)
# The first look at each page: on its bytes, lower-cased (ASCII only, so every offset stays the same),
# with patterns that start with a literal; about 4x faster than the same on decoded text.
_SCRIPT_BYTES = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL)
_STYLE_BYTES = re.compile(rb"<style\b[^>]*>(.*?)</style\s*>", re.DOTALL)
_ON_HINT = re.compile(rb"on[a-z]+\s*=")
_STYLE_HINT = re.compile(rb"style\s*=")
_JS_WORD = re.compile(rb"javascript:")
_JS_URL = re.compile(r"\s(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)

# Script types a browser runs (HTML's JavaScript MIME types, modules, import maps, speculation rules).
_RUNS = {"", "module", "importmap", "speculationrules", "text/javascript", "application/javascript",
         "application/ecmascript", "application/x-ecmascript", "application/x-javascript",
         "text/ecmascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
         "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript",
         "text/livescript", "text/x-ecmascript", "text/x-javascript"}


class CSPError(Exception):
    """Built pages hold script the policy cannot allow by hash."""


def sha256(text: str | bytes) -> str:
    """A CSP hash source for an element's text (UTF-8), as a browser computes it (line breaks normalised)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii") + "'"


def _attr(pattern: re.Pattern[str], attrs: str) -> str | None:
    match = pattern.search(attrs)
    return None if match is None else next(g for g in match.groups() if g is not None)


def runs(attrs: str) -> bool:
    """True when a `<script>` with these attributes and no `src` is executed by a browser."""
    if _SRC.search(attrs):
        return False
    kind = _attr(_TYPE, attrs)
    return (kind or "").strip().lower() in _RUNS


@dataclass
class Scan:
    """What the built pages need from the policy."""

    scripts: set[str] = field(default_factory=set)  # hash sources
    styles: set[str] = field(default_factory=set)
    style_attributes: list[str] = field(default_factory=list)  # files with style="..."
    problems: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # files holding "<!--" (hooks.py refuses them; read once, here)

    def add(self, name: str, page: bytes) -> None:
        """Scan one built HTML file (UTF-8) called `name` (its path in the site)."""
        if b"<!--" in page:
            self.comments.append(name)
        lower = page.lower()
        for match in _SCRIPT_BYTES.finditer(lower):
            if runs(match.group(1).decode("utf-8", "replace")):
                self.scripts.add(sha256(page[match.start(2):match.end(2)]))
        for match in _STYLE_BYTES.finditer(lower):
            self.styles.add(sha256(page[match.start(1):match.end(1)]))
        if not _suspect(lower):
            return  # most pages: no attribute or URL that could hold script or style
        html = page.decode("utf-8", "replace")
        markup = _COMMENT.sub("", _STYLE.sub("", _SCRIPT.sub("", html)))
        styled = False
        for tag in _TAG.findall(markup):
            event = _EVENT.search(tag)
            if event:
                self.problems.append(f"{name}: the attribute {event.group(1)}= in {_short(tag)} runs script "
                                     "inline; attach the handler from a script in overrides/assets/javascripts/")
            if _JS_URL.search(tag):
                self.problems.append(f"{name}: a javascript: URL in {_short(tag)}; use a script file and a "
                                     "normal link or button")
            styled = styled or bool(_STYLE_ATTR.search(tag))
        if styled:
            self.style_attributes.append(name)


def _suspect(lower: bytes) -> bool:
    """A quick look for `on...=`, `style=` or `javascript:` anywhere in a lower-cased page."""
    if any(lower[max(0, m.start() - 8):m.start()].rstrip(b" \t\n\r\f\"'").endswith(b"=")
           for m in _JS_WORD.finditer(lower)):
        return True  # "javascript:" as an attribute's value, not in the text
    return any(m.start() and lower[m.start() - 1:m.start()] in b" \t\n\r\f/"
               for pattern in (_ON_HINT, _STYLE_HINT) for m in pattern.finditer(lower))


def _short(tag: str) -> str:
    return tag if len(tag) <= 80 else tag[:77] + "..."


def site_files(site_dir: Path) -> list[str]:
    """Every file's path in the site, sorted: one walk of the folders, shared by the scan and the asset list."""
    found = []
    for folder, _, names in os.walk(site_dir):
        prefix = Path(folder).relative_to(site_dir).as_posix()
        found += [name if prefix == "." else f"{prefix}/{name}" for name in names]
    return sorted(found)


def scan_site(site_dir: Path, files: list[str] | None = None) -> Scan:
    scan = Scan()
    for name in site_files(site_dir) if files is None else files:
        if name.endswith(".html"):
            scan.add(name, (site_dir / name).read_bytes())
    return scan


def policy(scan: Scan) -> str:
    """The Content-Security-Policy for a site whose pages `scan` read.

    Nothing is loaded from outside the site. Material needs `data:` images (the
    icons its CSS draws as SVG data URLs, about 40 of them), a search worker and
    its index (both same-origin), no web fonts (`theme.font: false`), and no
    inline styles beyond the hashed `<style>` elements (the print page has
    one): it sets styles through the DOM, which a policy does not restrict. A
    `style="..."` attribute in a page (raw HTML in Markdown) adds
    `style-src-attr 'unsafe-inline'`, for attributes only, which cannot run script.
    """
    scripts = " ".join(["'self'", *sorted(scan.scripts)])
    styles = " ".join(["'self'", *sorted(scan.styles)])
    parts = [
        "default-src 'self'",
        f"script-src {scripts}",
        f"style-src {styles}",
    ]
    if scan.style_attributes:
        parts.append("style-src-attr 'unsafe-inline'")
    parts += [
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(parts)


def security_headers(csp: str, edition: str) -> list[tuple[str, str]]:
    """The headers every response of the edition carries."""
    headers = [
        ("Content-Security-Policy", csp),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if edition == "internal":
        headers.append(("X-Robots-Tag", "noindex, nofollow"))
    return headers


def hashed_assets(files: Iterable[str]) -> list[str]:
    """The site paths among `files` of fingerprinted assets, which may be cached for a year."""
    return [p for p in files if HASHED_ASSET.match(p)]


def headers_file(headers: Iterable[tuple[str, str]], immutable: Iterable[str], edition: str) -> str:
    """`_headers` in the Netlify / Cloudflare Pages format (paths from the top of the published folder)."""
    lines = [f"# Response headers for this build of the {edition} edition, written by macros/build/csp.py.",
             "# Static hosts (Netlify, Cloudflare Pages) read this file; hosting/render_nginx.py turns it",
             "# into an nginx server block. Rebuilt on every build: do not edit.",
             "/*"]
    lines += [f"  {name}: {value}" for name, value in headers]
    for path in immutable:
        lines += ["", f"/{path}", f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path, edition: str) -> Scan:
    """Scan the built site and write `_headers`; returns the scan (`policy(scan)` is the policy written).
    Raises CSPError listing every problem."""
    files = site_files(site_dir)
    scan = scan_site(site_dir, files)
    if scan.problems:
        raise CSPError("The Content-Security-Policy cannot allow inline script in these built pages "
                       "(it allows inline <script> elements by hash, never attributes or URLs):\n  "
                       + "\n  ".join(scan.problems))
    csp = policy(scan)
    text = headers_file(security_headers(csp, edition), hashed_assets(files), edition)
    target = site_dir / HEADERS_FILE
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
    return scan

