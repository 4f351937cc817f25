#!/usr/bin/env python3
"""Write the nginx server block for one built edition of the playbook.

    python3 hosting/render_nginx.py SITE_DIR [--path /playbook/] [--root /srv/playbook/site]
                                    [--listen 80] [--server-name playbook.example.com]
                                    [--include /etc/nginx/snippets/playbook-sign-in.conf] [-o FILE]

Reads SITE_DIR/_headers (written by every build, macros/build/csp.py) and fills in
hosting/nginx.conf. The path defaults to the one the edition was built for
(its sitemap). Run it again after every build you deploy: the
Content-Security-Policy lists the hashes of that build's inline scripts.
Standard library only, so it runs on a server without the project's .venv.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
SUB_PATH_ONLY = "# sub-path only"
UNKNOWN_HOSTS = "# unknown hosts"  # marks the first line of the server block for unknown host names
# Browser features the playbook never uses, switched off for every page (documented in the hosting how-to).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
HSTS = "max-age=31536000"  # --hsts: a year of HTTPS only; for a host that serves every address over HTTPS
_PATH = re.compile(r"^/(?:[A-Za-z0-9._~-]+/)*$")
_ROOT = re.compile(r"^/[A-Za-z0-9._/+-]*$")
_NAME = re.compile(r"^[A-Za-z0-9._*~-]+(?: [A-Za-z0-9._*~-]+)*$")
_LISTEN = re.compile(r"^[A-Za-z0-9.:\[\]]+(?: [a-z_]+)*$")
_HEADER = re.compile(r"^[A-Za-z0-9-]+$")


class RenderError(Exception):
    """An input the server block cannot be written from; the message says which and why."""


def read_headers(text: str) -> list[tuple[str, str]]:
    """The headers of the `/*` rule of a `_headers` file, in order."""
    found: list[tuple[str, str]] = []
    inside = False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            inside = line.strip() == "/*"
        elif inside:
            name, _, value = line.strip().partition(":")
            found.append((name.strip(), value.strip()))
    return found


def built_path(site_dir: Path) -> str | None:
    """The path of the site_url the edition was built for, from its sitemap."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return None
    match = re.search(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap.read_text(encoding="utf-8"))
    if match is None:
        return None
    path = urlsplit(match.group(1)).path or "/"
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


def with_policies(headers: list[tuple[str, str]], *, hsts: bool) -> list[tuple[str, str]]:
    """The build's headers plus Permissions-Policy and, with `hsts`, Strict-Transport-Security (unless set)."""
    names = {name.lower() for name, _ in headers}
    extra = [("Permissions-Policy", PERMISSIONS_POLICY)] + ([("Strict-Transport-Security", HSTS)] if hsts else [])
    return headers + [(name, value) for name, value in extra if name.lower() not in names]


def add_header_lines(headers: list[tuple[str, str]], indent: str) -> str:
    lines = []
    for name, value in headers:
        if not _HEADER.match(name) or any(c in value for c in '"\\$') or not value.isprintable():
            raise RenderError(f"_headers: the header {name!r} has a value nginx cannot carry as written: {value!r}")
        lines.append(f'add_header {name} "{value}" always;')
    return f"\n{indent}".join(lines)


def _without_unknown_hosts(lines: list[str]) -> list[str]:
    """`lines` without the server block for unknown host names (from its marked line to its closing brace)."""
    start = next((i for i, line in enumerate(lines) if line.rstrip().endswith(UNKNOWN_HOSTS)), None)
    if start is None:
        return lines
    end = next(i for i in range(start, len(lines)) if lines[i].rstrip() == "}")
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    return lines[:start] + lines[end + 1:]


def render(headers: list[tuple[str, str]], *, path: str, root: str, listen: str = "80",
           server_name: str = "_", includes: tuple[str, ...] = (), template: str | None = None,
           default_server: bool = True) -> str:
    """The filled-in server block, and one for unknown host names when `server_name` names hosts and
    `default_server` is true."""
    if not _PATH.match(path):
        raise RenderError(f"--path: expected a URL path that starts and ends with '/', such as /playbook/; got {path!r}")
    root = root.rstrip("/") or "/"
    if not _ROOT.match(root) or root == "/":
        raise RenderError(f"--root: expected an absolute folder such as /srv/playbook/site "
                          f"(letters, digits, . _ - + /); got {root!r}")
    if not _NAME.match(server_name):
        raise RenderError(f"--server-name: expected host names separated by spaces; got {server_name!r}")
    if not _LISTEN.match(listen):
        raise RenderError(f"--listen: expected a port or address:port, such as 80 or 127.0.0.1:8080; got {listen!r}")
    for include in includes:
        if not _ROOT.match(include):
            raise RenderError(f"--include: expected an absolute file path such as "
                              f"/etc/nginx/snippets/playbook-sign-in.conf; got {include!r}")
    if not any(name == "Content-Security-Policy" for name, _ in headers):
        raise RenderError("_headers: no Content-Security-Policy for '/*'; build the edition again (make build)")
    text = template if template is not None else TEMPLATE.read_text(encoding="utf-8")
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):  # the template's own notes, replaced by a note on this file
        lines.pop(0)
    lines[:0] = ["# Partnership Playbook: written by hosting/render_nginx.py from a build's _headers file.",
                 "# Write it again after every build you deploy, then: nginx -t && systemctl reload nginx"]
    if path == "/":
        lines = [line for line in lines if SUB_PATH_ONLY not in line]
    if server_name == "_" or not default_server:  # with no host name, the edition's block answers every host
        lines = _without_unknown_hosts(lines)
    out = []
    for line in lines:
        if "@INCLUDES@" in line:
            if not includes:
                continue
            indent = line[: len(line) - len(line.lstrip())]
            line = "\n".join(f"{indent}include {include};" for include in includes)
        if "@HEADERS@" in line:
            indent = line[: len(line) - len(line.lstrip())]
            line = line.replace("@HEADERS@", add_header_lines(headers, indent))
        out.append(line)
    values = {"@LISTEN@": listen, "@SERVER_NAME@": server_name, "@SITE_PATH_RE@": re.escape(path),
              "@SITE_PATH_BARE@": path.rstrip("/"), "@SITE_PATH@": path, "@SITE_ROOT@": root}
    result = "\n".join(out) + "\n"
    for key, value in values.items():
        result = result.replace(key, value)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Write the nginx server block for a built edition.")
    parser.add_argument("site_dir", type=Path, help="the built edition (site/ or site-public/)")
    parser.add_argument("--path", help="URL path the edition is served at (default: the one it was built for)")
    parser.add_argument("--root", help="where the built folder is on the server (default: SITE_DIR)")
    parser.add_argument("--listen", default="80")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--include", action="append", default=[],
                        help="a file of server-level directives to include, such as hosting/sign-in.conf")
    parser.add_argument("--no-default-server", dest="default_server", action="store_false",
                        help="leave out the block answering unknown host names with the 404 page "
                             "(for a second edition on the same port)")
    parser.add_argument("--hsts", action="store_true",
                        help=f"send Strict-Transport-Security: {HSTS} (only for a host served over HTTPS)")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of printing")
    args = parser.parse_args(argv)
    headers_file = args.site_dir / "_headers"
    try:
        if not headers_file.is_file():
            raise RenderError(f"{headers_file}: not found; build the edition first (make build or make public)")
        built = built_path(args.site_dir)
        if args.path and built and args.path != built:
            raise RenderError(f"--path {args.path} differs from the path the edition was built for ({built}); "
                              "build it again with SITE_URL set to the real address, or give that path")
        path = args.path or built
        if path is None:
            raise RenderError(f"{args.site_dir}/sitemap.xml: no address found; give --path")
        headers = with_policies(read_headers(headers_file.read_text(encoding="utf-8")), hsts=args.hsts)
        text = render(headers, path=path,
                      root=args.root or str(args.site_dir.resolve()), listen=args.listen,
                      server_name=args.server_name, includes=tuple(args.include),
                      default_server=args.default_server)
    except RenderError as error:
        print(f"render_nginx: {error}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
