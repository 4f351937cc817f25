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
from collections.abc import Iterator
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
