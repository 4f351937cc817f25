"""`make serve`: MkDocs' live-reload server with rebuilds of only what an edit changes.

    python -m macros.serve.server [-f mkdocs.yml] [-a 127.0.0.1:8000] [--host HOST] [--port PORT]

Strict like `mkdocs build --strict`. The browser is served a copy of the last
build that succeeded; while an edit has an error (or a warning), every page
shows it in a banner above that last good content (macros/serve/banner.py),
and the browser reloads by itself after every build, failed or not. See
macros/serve/incremental.py for what each edit rebuilds.
"""
from __future__ import annotations

import argparse
import errno
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url

from macros.serve import banner as serve_banner
from macros.serve.incremental import WATCHED, CodeChanged, Session, read_within_bounds

log = logging.getLogger("mkdocs.plugins.playbook.serve")

DEFAULT_ADDR = ("127.0.0.1", 8000)  # MkDocs' own default dev_addr


class PlaybookServer(LiveReloadServer):
    """MkDocs' live-reload server that puts the current build error above every HTML page it serves."""

    def __init__(self, *args: Any, banner: Callable[[], bytes], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.banner = banner  # the error banner while the latest build failed, else b""
        self.error_handler = self._not_found

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        return serve_banner.inject(super()._inject_js_into_html(content, epoch), self.banner())

    def _not_found(self, code: int) -> bytes | None:
        """The site's 404 page; with nothing built yet, a bare page for the banner. Both reload by themselves."""
        if code != 404:
            return None
        page = Path(self.root, "404.html")
        if page.is_file():
            content = page.read_bytes()
        elif self.banner():
            content = serve_banner.NOTHING_BUILT
        else:
            return None
        with self._epoch_cond:
            epoch = self._visible_epoch
        return self._inject_js_into_html(content, epoch)


class LastGood:
    """A copy of the last build that succeeded, which is what the server serves.

    A failed build can leave pages half written (a strict-mode warning fails it
    after its pages are written); the browser never sees them. After each good
    build, only files whose size or time changed are copied.
    """

    def __init__(self, build_dir: Path, served_dir: Path) -> None:
        self.build_dir, self.served_dir = build_dir, served_dir
        self.copied: dict[str, tuple[int, int]] = {}
        self.built_at: str | None = None  # clock time of the last good build, None before the first

    def update(self) -> None:
        now: dict[str, tuple[int, int]] = {}
        for folder, _, names in os.walk(self.build_dir):
            for name in names:
                source = Path(folder, name)
                rel = source.relative_to(self.build_dir).as_posix()
                stat = source.stat()
                now[rel] = (stat.st_size, stat.st_mtime_ns)
                if self.copied.get(rel) != now[rel]:
                    target = self.served_dir / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    partial = target.with_name(f".{target.name}.partial")
                    shutil.copyfile(source, partial)
                    os.replace(partial, target)  # a page being sent keeps its old file
        for rel in self.copied.keys() - now.keys():
            (self.served_dir / rel).unlink(missing_ok=True)
        self.copied = now
        self.built_at = time.strftime("%H:%M:%S")


class _Problems(logging.Handler):
    """Warnings and errors MkDocs logs during one build (in the thread that builds), for the banner."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())

    def __enter__(self) -> _Problems:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)


class Builds:
    """Runs each build and decides what the browser shows after it: the last good pages and, after a failure, the banner."""

    def __init__(self, last_good: LastGood) -> None:
        self.last_good = last_good
        self.banner = b""

    def run(self, step: Callable[[], str]) -> None:
        """Run one build. Never raises (but for CodeChanged), so MkDocs reloads the browser after a failure too."""
        start = time.perf_counter()
        failure: BaseException | None = None
        with _Problems() as problems:
            try:
                done = step()
            except CodeChanged:
                raise
            except (MkDocsException, OSError) as error:
                failure = error
            except SystemExit as error:  # mkdocs-macros exits on a macro error (on_error_fail); it logged why
                failure = error
            except Exception as error:  # a bug in build code or a plugin, rather than in the edit
                log.exception("The build stopped on an unexpected error")
                failure = error
        if failure is None:
            if done == "nothing":
                return  # no file changed since the last build: what the browser shows stays true
            self.last_good.update()
            self.banner = b""
            log.info(f"{'Built' if done == 'first' else f'Rebuilt ({done})'} in {time.perf_counter() - start:.2f} s")
            return
        if isinstance(failure, SystemExit):
            message = f"The build stopped (a plugin exited with code {failure.code})."
        elif isinstance(failure, MkDocsException | OSError):
            message = str(failure) or type(failure).__name__
        else:
            message = f"{type(failure).__name__}: {failure}"
        text = "\n".join(dict.fromkeys([*problems.messages, message]))  # each message once, in order
        self.banner = serve_banner.banner(text, self.last_good.built_at)
        if self.last_good.built_at is None:
            shown = ("Nothing has built yet: every page in the browser shows only this error. "
                     "Fix it and save: the server rebuilds on every change.")
        else:
            shown = (f"The browser shows the last good pages, built at {self.last_good.built_at}, "
                     "with this error in a banner above them; save a fix to rebuild.")
        log.error(f"{message}\n{shown}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", default=None, help="host:port (default: dev_addr in mkdocs.yml)")
    parser.add_argument("--host", default=None, help="address to listen on, e.g. 0.0.0.0 for every interface")
    parser.add_argument("--port", type=int, default=None, help="port to listen on (default: 8000)")
    return parser.parse_args(argv)


def address(args: argparse.Namespace, config: Any) -> tuple[str, int, str]:
    """Host, port and mount path. --host and --port win over -a, which wins over mkdocs.yml's dev_addr."""
    if config is not None:
        (host, port), mount_path = config.dev_addr, urlsplit(config.site_url or "/").path
    else:  # mkdocs.yml could not be read: -a as it is, or MkDocs' defaults
        host, _, number = (args.dev_addr or "").rpartition(":")
        host, port, mount_path = host or DEFAULT_ADDR[0], int(number) if number.isdigit() else DEFAULT_ADDR[1], "/"
    return args.host or host, args.port or port, mount_path


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    if os.environ.get("V", "") in ("", "0"):  # mkdocs-macros says eight INFO lines per build: only with V=1
        logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)

    config_file = Path(args.config_file).resolve()
    work = Path(tempfile.mkdtemp(prefix="playbook-serve-"))
    build_dir, served_dir = work / "build", work / "served"
    served_dir.mkdir()
    overrides = {"dev_addr": args.dev_addr} if args.dev_addr else {}
    session = Session(config_file, build_dir)
    builds = Builds(LastGood(build_dir, served_dir))
    loaded: list[Any] = []

    def first_build() -> str:
        # The one reading of mkdocs.yml at start-up. When it fails, the server still
        # starts (on --port, -a or port 8000) so the browser can show what is wrong.
        read_within_bounds(config_file)
        config = load_config(str(config_file), site_dir=str(build_dir), **overrides)
        loaded.append(config)
        config.site_url = _serve_url(*address(args, config))  # as MkDocs' own `serve` does
        session.full(config=config)
        return "first"

    def rebuild() -> None:
        try:
            builds.run(session.update)
        except CodeChanged as changed:
            log.info(f"Python code changed ({changed}): restarting the server to load it")
            shutil.rmtree(work, ignore_errors=True)
            os.execv(sys.executable, [sys.executable, "-m", "macros.serve.server", *(argv if argv is not None else sys.argv[1:])])

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops it as Ctrl-C does, cleaning up
    server: PlaybookServer | None = None
    try:
        builds.run(first_build)
        host, port, mount_path = address(args, loaded[0] if loaded else None)
        session.overrides["site_url"] = _serve_url(host, port, mount_path)
        server = PlaybookServer(builder=rebuild, host=host, port=port, root=str(served_dir), mount_path=mount_path,
                                banner=lambda: builds.banner)
        server.watch(str(config_file))
        for top in WATCHED:
            if (config_file.parent / top).is_dir():
                server.watch(str(config_file.parent / top))
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    except OSError as error:  # from binding the address (build errors never get here): the server never started
        if error.errno == errno.EADDRINUSE:
            log.error(f"Port {port} on {host} is already in use (another `make serve`?). "
                      f"Choose another one: make serve PORT={port + 1}")
        else:
            log.error(f"Cannot serve on {host}:{port}: {error.strerror or error}. "
                      "Choose another address: make serve HOST=127.0.0.1 PORT=8001")
        return 1
    finally:
        if server is not None:
            server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
