"""`make serve`: MkDocs' live-reload server with rebuilds of only what an edit changes.

    python -m macros.serve [-f mkdocs.yml] [-a 127.0.0.1:8000]

Strict like `mkdocs build --strict`: a rebuild with an error or a warning
prints it and keeps serving the last good pages until the next edit. See
macros/incremental.py for what each edit rebuilds.
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url

from .incremental import WATCHED, CodeChanged, Session

log = logging.getLogger("mkdocs.plugins.playbook.serve")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", default=None, help="host:port (default: dev_addr in mkdocs.yml)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")

    config_file = Path(args.config_file).resolve()
    site_dir = tempfile.mkdtemp(prefix="playbook-serve-")
    first = load_config(str(config_file), site_dir=site_dir, **({"dev_addr": args.dev_addr} if args.dev_addr else {}))
    host, port = first.dev_addr
    mount_path = urlsplit(first.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)
    session = Session(config_file, site_dir, site_url=serve_url)

    def rebuild() -> None:
        start = time.perf_counter()
        try:
            done = session.update()
        except CodeChanged as changed:
            log.info(f"Python code changed ({changed}): restarting the server to load it")
            shutil.rmtree(site_dir, ignore_errors=True)
            os.execv(sys.executable, [sys.executable, "-m", "macros.serve", *(argv if argv is not None else sys.argv[1:])])
        except (MkDocsException, OSError) as error:
            log.error(f"{error}\nThe last good pages stay served; save a fix to rebuild.")
            return
        log.info(f"Rebuilt ({done}) in {time.perf_counter() - start:.2f} s")

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=site_dir, mount_path=mount_path)
    try:
        start = time.perf_counter()
        try:
            session.full()
        except MkDocsException as error:
            log.error(f"{error}\nFix it and save: the server rebuilds on every change.")
        else:
            log.info(f"Built in {time.perf_counter() - start:.2f} s")
        server.watch(str(config_file))
        for top in WATCHED:
            if (config_file.parent / top).is_dir():
                server.watch(str(config_file.parent / top))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
