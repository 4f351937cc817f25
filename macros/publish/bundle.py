"""`make bundle`: the partner edition as a zip that works from disk.

    python -m macros.publish.bundle dist/partnership-playbook-partner.zip

A partner unzips it and opens `partnership-playbook-partner/index.html` in a
browser: no server, no network. The partner edition is built once more with
Material's `offline` plugin, which turns off directory URLs (so every link
opens a page, not a folder listing) and ships the search index as a script.
Chromium does not run web workers from `file://`, so the bundle also loads the
vendored iframe-worker shim (`overrides/assets/javascripts/vendor/`), which
runs Material's search worker in an iframe instead; without it the `offline`
plugin would point pages at a copy on unpkg.com. Instant navigation is off:
it needs a server, and left on it stops every component mounting from disk.

The build is strict, into a temporary folder; the zip is written beside the
target and renamed into place, so a failed bundle leaves the previous zip.
`SITE_URL`, if set, is used for the canonical links (the hosted partner edition).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path


from macros.build.safe_build import command_line, read_config
from macros.build.term_scan import hits, report, texts_of
from macros.content.never_publish import load

FOLDER = "partnership-playbook-partner"
SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


def wrapper_config(root: Path, staging: Path, url: str | None) -> str:
    """The partner edition's configuration with the offline plugin added and file URLs."""
    base = read_config(root / "mkdocs.yml")  # within the YAML bounds (macros/content/safe_yaml.py)
    plugins = list(base.get("plugins") or [])
    names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    # Right after search; print-site must stay last.
    plugins.insert(names.index("search") + 1 if "search" in names else 0, "offline")
    # Instant navigation cannot work from file://, and with it on, Material 9.x never announces
    # a loaded page there (its document$ completes at once), so no component would mount.
    features = [f for f in base["theme"].get("features", []) if not f.startswith("navigation.instant")]
    config = {"INHERIT": "mkdocs-public.yml", "site_dir": str(staging), "use_directory_urls": False,
              "plugins": plugins, "theme": {"features": features}, "extra": {"polyfills": [SHIM]}}
    # No canonical links to the author's local address: the hosted partner edition's, or none.
    config["site_url"] = url or None
    return json.dumps(config, indent=1)  # JSON is YAML


# Only a web server shows the 404 page (its links start at the server's root) and reads _headers
# (macros/build/csp.py); sitemaps are for search engines crawling a hosted site.
LEFT_OUT = {"404.html", "sitemap.xml", "sitemap.xml.gz", "_headers"}


def zip_folder(folder: Path, out: Path) -> None:
    """`folder`'s files under FOLDER/ in a zip at `out`, in a stable order."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() not in LEFT_OUT):
            archive.write(path, f"{FOLDER}/{path.relative_to(folder).as_posix()}")


def _source(root: Path, member: str) -> str | None:
    """The docs/ file a zip member is a copy of (an image, an attachment), if any."""
    relative = member.removeprefix(f"{FOLDER}/")
    return f"docs/{relative}" if not relative.endswith(".html") and (root / "docs" / relative).is_file() else None


def zip_terms(archive: Path, root: Path, label: str) -> list[str]:
    """Never-publish phrases (data/never-publish.yml) in the zip's files, one message each."""
    problems: list[str] = []
    with zipfile.ZipFile(archive) as opened:
        files = ((_source(root, info.filename) or f"{label}: {info.filename}", f"{label}: {info.filename}",
                  opened.read(info)) for info in opened.infolist() if not info.is_dir())
        found = hits(texts_of(files, problems), load(root), root)
    return problems + found


def build_bundle(root: Path, out: Path, url: str | None = None) -> int:
    root, out = root.resolve(), out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".bundle-", dir=out.parent))
    wrapper = root / f".bundle-{os.getpid()}.yml"
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        wrapper.write_text(wrapper_config(root, work / "site", url), encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(wrapper)],
                                cwd=root, env=env)
        if result.returncode != 0 or not (work / "site" / "index.html").is_file():
            kept = "was left in place" if out.exists() else "does not exist yet"
            print(f"Bundle failed; the previous {os.path.relpath(out)} {kept}.", file=sys.stderr)
            return result.returncode or 1
        zip_folder(work / "site", partial)
        found = zip_terms(partial, root, os.path.relpath(out))
        if found:
            print(report(found) + f"\nThe previous {os.path.relpath(out)} was left as it was.", file=sys.stderr)
            return 1
        os.replace(partial, out)
    finally:
        wrapper.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    print(f"Wrote {os.path.relpath(out)}: unzip it and open {FOLDER}/index.html in a browser.")
    return 0


def main(argv: list[str]) -> int:
    out, url = command_line(argv, "python -m macros.publish.bundle OUT.zip")
    return build_bundle(Path.cwd(), Path(out), url)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
