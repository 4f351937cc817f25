"""Minify the project's own JavaScript and CSS in the built site (an `on_post_build` step).

The sources in overrides/ stay commented and readable; what a browser
downloads is minified (calmjs.parse with jsmin as fallback, csscompressor), which keeps the assessment
within its size budget (benchmarks/assessment_budget.py measures the built
files). Minifying minified files changes nothing, so rebuilds may run it again.

calmjs.parse takes about 0.6 s of CPU for our scripts, 8% of a 500-article
build, so its output is kept in a cache named by a hash of the script, of
this module and of the calmjs.parse version (`~/.cache/partnership-playbook/`,
or `$XDG_CACHE_HOME`): only a changed script is minified again. A cache that
cannot be read or written only costs the time.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

import csscompressor
import jsmin


def minify_assets(site_dir: Path, scripts: Iterable[object], styles: Iterable[object]) -> dict[str, tuple[int, int]]:
    """Join the scripts (macros/build/join.py), then minify each listed file found in `site_dir` in place; {path: (bytes before,
    bytes after)}."""
    from macros.build.join import JOINED, join_scripts

    join_scripts(site_dir)
    done: dict[str, tuple[int, int]] = {}
    listed = [str(entry) for entry in scripts]
    listed += [name for name in JOINED if name not in listed]  # a joined file loaded on demand, e.g. compare.js
    for entries, minify in ((listed, _js), (styles, csscompressor.compress)):
        for entry in entries:
            name = str(entry)
            path = site_dir / name
            if "://" in name or name.startswith("/") or not path.is_file():
                continue  # not one of the site's own files
            before = path.read_text(encoding="utf-8")
            after = minify(before)
            if after != before:
                path.write_text(after, encoding="utf-8")
            done[name] = (len(before.encode()), len(after.encode()))
    return done


def cache_dir() -> Path:
    """Where minified scripts are kept between builds."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"))
    if not base.is_absolute():  # no home directory (some CI containers): never a "~" folder in the project
        base = Path(tempfile.gettempdir())
    return base / "partnership-playbook" / "minified"


_KEY = hashlib.sha256(Path(__file__).read_bytes() + version("calmjs.parse").encode()).hexdigest()


def _js(text: str) -> str:
    """Comments and spaces out, and each function's local names shortened (calmjs.parse, for the ES5 our
    classic scripts are written in; globals such as window.pbKit keep their names). That keeps the
    assessment's scripts within budget: 11.1 KB gzipped instead of 12.2 KB with jsmin alone. A script the ES5
    parser cannot read gets jsmin. Minified output is one line, and a file on one line is left as it is,
    so a rebuild running this again changes nothing."""
    if "\n" not in text.strip():
        return text
    cached = cache_dir() / (hashlib.sha256((_KEY + text).encode()).hexdigest() + ".js")
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    out = _mangle(text)
    try:  # whole or not at all: written beside it, then renamed into place
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cached.parent, delete=False) as tmp:
            tmp.write(out)
        os.replace(tmp.name, cached)
    except OSError:
        pass
    return out


def _mangle(text: str) -> str:
    from calmjs.parse import es5  # imported only when a script changed
    from calmjs.parse.exceptions import ECMARegexSyntaxError, ECMASyntaxError, ProductionError
    from calmjs.parse.unparsers.es5 import minify_print

    try:
        return minify_print(es5(text), obfuscate=True, obfuscate_globals=False, drop_semi=True)
    except (ECMASyntaxError, ECMARegexSyntaxError, ProductionError):
        return jsmin.jsmin(text, quote_chars="'\"`")
