"""Shared fixtures: strict builds into temporary folders, a served site, Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ["docs", "data", "macros", "overrides", "mkdocs.yml", "mkdocs-public.yml"]


# -- A one-section checklist, for tests of one top-level field ------------------------------------------------
DEMO_HEADER = "id: demo\ntitle: Demo\nversion: 1\nsummary: A demo.\n"
DEMO_BODY = ("bands:\n  - {min: 0, max: 100, label: All, advice: Fine.}\nsections:\n  - id: s\n    title: S\n"
             "    items:\n      - {id: a, text: A, guidance: principles/trust.md#fair-price}\n")


def demo_with(line: str, source: str = "demo.yml"):
    """The demo checklist with one more top-level line (`line`, like "about: person"), parsed."""
    from macros.content.loader import parse_checklist
    return parse_checklist(DEMO_HEADER + line + "\n" + DEMO_BODY, source)


def demo_errors(line: str) -> list[str]:
    """The build's messages for the demo checklist with `line` added, as data/checklists/demo.yml."""
    from macros.content.errors import ChecklistErrors
    with pytest.raises(ChecklistErrors) as caught:
        demo_with(line, "data/checklists/demo.yml")
    return [str(e) for e in caught.value.errors]


def copy_project(dest: Path) -> Path:
    """A copy of everything a build reads, for tests that edit files."""
    for name in PROJECT:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    return dest
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Two-tab tests keep one page in the background, where Chromium would run its animation frames about once a
    # second, and Playwright waits for two frames before each click: 1-2 s a click. Tabs stay at full speed.
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]


def mkdocs_build(config: Path, site_dir: Path, *, site_url: str | None = None,
                 cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run a strict `mkdocs build` of `config` into `site_dir`; never raises.

    A thin wrapper config INHERITs the real one so tests can move `site_dir`
    and `site_url` without touching the project's files.
    """
    # The wrapper sits beside the real config so relative paths (docs_dir,
    # custom_dir, hooks, the macros module) resolve exactly as in `make build`.
    config = config.resolve()
    wrapper = config.parent / f".pytest-{os.getpid()}-{site_dir.parent.name}-{config.name}"
    lines = [f"INHERIT: {config.name}", f"site_dir: {site_dir.resolve()}"]
    if site_url:
        lines.append(f"site_url: {site_url}")
    wrapper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    try:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(wrapper)],
            cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
        )
    finally:
        wrapper.unlink(missing_ok=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class BuiltSite:
    """A built edition, served on 127.0.0.1 at the `site_url` it was built for."""

    def __init__(self, root: Path, url: str, log: str) -> None:
        self.root = root
        self.url = url
        self.log = log

    def page(self, path: str) -> str:
        """Text of a built file, e.g. `reference/checklists/partner-fit/index.html`."""
        return (self.root / path).read_text(encoding="utf-8")

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.is_file())


def _build_and_serve(tmp_path_factory: pytest.TempPathFactory, config: str) -> Iterator[BuiltSite]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp(Path(config).stem) / "site"
    result = mkdocs_build(ROOT / config, out, site_url=url)
    if result.returncode != 0:
        pytest.fail(f"strict build of {config} failed:\n{result.stdout}\n{result.stderr}")
    server = serve(out, port)
    try:
        yield BuiltSite(out, url, result.stderr)
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The internal edition, built once per session and served at its site_url."""
    yield from _build_and_serve(tmp_path_factory, "mkdocs.yml")


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The partner edition, built once per session and served at its site_url."""
    if not (ROOT / "mkdocs-public.yml").exists():
        pytest.skip("mkdocs-public.yml not written yet")
    yield from _build_and_serve(tmp_path_factory, "mkdocs-public.yml")


# -- Playwright: Debian's Chromium ---------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# -- Driving the assessment page (its toolbar menus and folded notes) ---------------------
def choose(page, menu: str, action: str) -> None:
    """An action from one of the toolbar's menu buttons (Export, More)."""
    page.get_by_role("button", name=menu, exact=True).click()
    page.get_by_role("menuitem", name=action, exact=True).click()


def write_note(page, item: str, text: str) -> None:
    """Notes sit behind "Add a note" until one is written."""
    box = page.locator(f"textarea[name='{item}--note']")
    if not box.is_visible():
        page.locator(f".pb-item[data-pb-item='{item}'] .pb-item__note summary").click()
    box.fill(text)


# -- Partner corpus: plant author mistakes in a copy, build the partner edition (+ zip + PDF), search every file ----
# tests/test_partner_corpus.py uses these; any test with a table of planted mistakes can too.
def add_page(project: Path, page: str, text: str, nav_title: str | None = None) -> Path:
    """Write docs/`page` in a copied project and list it at the end of `nav:` (under `nav_title` when given)."""
    import yaml
    path = project / "docs" / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["nav"].append({nav_title: page} if nav_title else page)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def append_to(path: Path, text: str) -> None:
    """Add `text` at the end of a file of a copied project."""
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def output_texts(folder: Path) -> dict[str, str]:
    """Every file under `folder` as text (gzip opened), by its path relative to `folder`, names included."""
    import gzip
    texts = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            relative = path.relative_to(folder).as_posix()
            texts[relative] = relative + "\n" + raw.decode("utf-8", errors="replace")  # a name can leak too
    return texts


def zip_texts(archive_path: Path) -> dict[str, str]:
    """Every member of a zip as text, by its name (the name included, like output_texts)."""
    import zipfile
    with zipfile.ZipFile(archive_path) as archive:
        return {name: name + "\n" + archive.read(name).decode("utf-8", errors="replace")
                for name in archive.namelist()}


def pdf_text(pdf: Path) -> str:
    """The text of a PDF with all whitespace removed (a canary broken across two lines is still found)."""
    import re
    from pypdf import PdfReader
    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in PdfReader(pdf).pages))


def find_canaries(texts: dict[str, str], canaries: dict[str, str]) -> dict[str, list[str]]:
    """{case: [files holding its canary]} for every canary found in `texts` ({file: text})."""
    found: dict[str, list[str]] = {}
    for name, canary in canaries.items():
        for where, text in texts.items():
            if canary in text:
                found.setdefault(name, []).append(where)
    return found


class PartnerBuild:
    """A planted project built as the partner edition (and, for comparison, the internal one)."""

    def __init__(self, project: Path, out: Path) -> None:
        self.project, self.out = project, out
        self.public, self.internal = out / "public", out / "internal"
        self.results: dict[str, subprocess.CompletedProcess[str]] = {}

    def build(self, *, internal: bool = True) -> PartnerBuild:
        """Build the partner edition (and the internal one); each result is kept in `results`."""
        configs = [("mkdocs-public.yml", self.public)] + ([("mkdocs.yml", self.internal)] if internal else [])
        for config, site_dir in configs:
            self.results[config] = mkdocs_build(self.project / config, site_dir, cwd=self.project)
        return self

    def log(self, config: str = "mkdocs-public.yml") -> str:
        result = self.results[config]
        return result.stdout + result.stderr

    def zip(self) -> Path:
        """The partner zip `make bundle` makes, from this project (built once)."""
        from macros.publish.bundle import build_bundle
        target = self.out / "partner.zip"
        if not target.exists():
            assert build_bundle(self.project, target) == 0, "the partner zip did not build"
        return target

    def pdf(self, browser: object) -> Path:
        """The partner PDF `make pdf` prints, from this project's partner build (printed once)."""
        from macros.publish.pdf import render
        target = self.out / "partner.pdf"
        if not target.exists():
            render(browser, self.public, target, "public")
        return target

    def texts(self) -> dict[str, str]:
        """Every file of the partner site (pages, search index, sitemap, scripts' data, print page) and of its zip."""
        return ({f"site-public/{k}": v for k, v in output_texts(self.public).items()}
                | {f"zip/{k}": v for k, v in zip_texts(self.zip()).items()})


def plant_and_build_partner(project: Path, out: Path, plant: Callable[[Path], None], *,
                            internal: bool = True) -> PartnerBuild:
    """Copy the project into `project`, plant mistakes with `plant(project)`, build the partner edition."""
    copy_project(project)
    plant(project)
    return PartnerBuild(project, out).build(internal=internal)
