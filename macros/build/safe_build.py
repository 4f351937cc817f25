"""Atomic builds: `python -m macros.build.safe_build mkdocs.yml`.

Builds strictly into a temporary folder beside the output and swaps it in only
when the build succeeds. A failed build leaves the last good site untouched.
MkDocs' INFO lines are left out unless `V=1` is set; warnings and errors show,
and so does the partner edition's page count (`EDITION_SUMMARY`, logged by the build).
A mistake in mkdocs.yml is reported in one line, without a traceback.

`SITE_URL` in the environment (`make public SITE_URL=https://partners.example.com/playbook/`)
is the address the edition will be served at: canonical links, the sitemap and
Material's instant navigation use it. Without it, mkdocs.yml's local address stays.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from macros.build.edition import EDITION_SUMMARY
from macros.content import safe_yaml
from macros.content.yaml_help import explain


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml keys we need, ignoring tags such as !ENV or !!python/name."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


class ConfigError(Exception):
    """mkdocs.yml (or a file it INHERITs) cannot be read: one line for the author."""


def read_config(config: Path) -> dict:
    """The keys of one config file; a YAML mistake becomes a ConfigError naming the file and line."""
    try:
        text = config.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{config.name}: expected a readable file, found {error.strerror or error}") from None
    try:
        data = safe_yaml.parse(text, _Loader) or {}
    except safe_yaml.YamlLimit as limit:
        where = f"{config.name}:{limit.line}" if limit.line else config.name
        raise ConfigError(f"{where}: {limit}") from None
    except yaml.MarkedYAMLError as error:
        line, found = explain(error, text)
        raise ConfigError(f"{config.name}:{line}: expected valid YAML, found {found}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{config.name}: expected valid YAML, found {error}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config.name}: expected 'key: value' settings, found {type(data).__name__}")
    return data


def site_dir(config: Path) -> Path:
    """The output folder a config (and the configs it INHERITs) asks for."""
    data = read_config(config)
    parent = site_dir((config.parent / data["INHERIT"]).resolve()) if "INHERIT" in data else None  # read: checked
    if "site_dir" in data:
        return (config.parent / data["site_dir"]).resolve()
    return parent or (config.parent / "site").resolve()


def _run_quietly(command: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Run MkDocs, passing on what it says except INFO lines (all of them with V=1); the page count always."""
    verbose = os.environ.get("V", "") not in ("", "0")
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, bufsize=1)
    assert process.stdout is not None
    for line in process.stdout:
        if verbose or not line.startswith("INFO "):
            sys.stderr.write(line)
        elif EDITION_SUMMARY in line:
            sys.stderr.write(line[line.index(EDITION_SUMMARY):])
    return process.wait()


class SiteUrlError(ValueError):
    """SITE_URL is set but is not an address a site can be served at."""


# Characters an address may hold as it is: they need no escaping in an HTML attribute, the sitemap's XML,
# a script or a response header, so the value can be written raw wherever MkDocs and Material put it.
_PATH_CHARS = re.compile(r"[A-Za-z0-9\-._~%/!$*+,;=:@]*")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\]")
_NAMED = {'"': "a double quote", "'": "a single quote", "<": "an angle bracket", ">": "an angle bracket",
          "\\": "a backslash", "&": "an ampersand", "`": "a backquote"}


def _url_problem(value: str) -> str:
    """What is wrong with `value` as SITE_URL, in words; '' when it is a plain absolute http(s) address."""
    for char in value:
        if char.isspace() or not char.isprintable():
            return "a space or an invisible control character"
    scheme, sep, rest = value.partition("://")
    if not sep or scheme not in ("http", "https"):
        return "no http:// or https:// at the start"
    authority, slash, path = rest.partition("/")
    if "@" in authority:
        return "a user name or password before '@' (keep sign-in out of the address)"
    host, colon, port = authority.rpartition(":") if not authority.endswith("]") else (authority, "", "")
    if not colon:
        host = authority
    if not _HOST.fullmatch(host) or (colon and not (port.isdigit() and 0 < int(port) < 65536)):
        return "no valid host name (and port) after the scheme"
    if "?" in path or "#" in path:
        return "a '?' or '#' part (the address of a site is a folder)"
    for char in path:
        if not _PATH_CHARS.fullmatch(char):
            return f"{_NAMED.get(char, 'the character ' + repr(char))}, which an address holds only percent-encoded"
    if re.search(r"%(?![0-9A-Fa-f]{2})", path):
        return "a '%' not followed by two hexadecimal digits"
    return ""


def site_url(value: str | None) -> str | None:
    """The SITE_URL to build for, with a trailing slash; None when unset or empty.

    Only a plain absolute http(s) address passes (`_url_problem`), so that it can be written raw.
    """
    if not value or not value.strip():
        return None
    value = value.strip(" ")
    problem = _url_problem(value)
    if problem:
        shown = value if len(value) <= 120 else value[:120] + "..."
        raise SiteUrlError(f"SITE_URL: expected an absolute http(s) address such as "
                           f"https://partners.example.com/playbook/, found {shown!r}: {problem}")
    return value if value.endswith("/") else value + "/"


def build(config: Path, url: str | None = None) -> int:
    config = config.resolve()
    try:
        output = site_dir(config)
    except ConfigError as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    wrapper = config.parent / f".safe-build-{os.getpid()}.yml"
    lines = [f"INHERIT: {config.name}", f"site_dir: {json.dumps(str(staging))}"]
    if url:
        lines.append(f"site_url: {json.dumps(url)}")
    wrapper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    try:
        returncode = _run_quietly([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(wrapper)],
                                  cwd=config.parent, env=env)
    finally:
        wrapper.unlink(missing_ok=True)
    relative = os.path.relpath(output)
    if returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = "was left untouched" if output.exists() else "does not exist yet"
        print(f"Build failed; the last good site in {relative}/ {kept}.", file=sys.stderr)
        return returncode
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a web server must be able to read the site
    old = output.with_name(f".{output.name}-old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built {relative}/ from {config.name}" + (f" for {url}" if url else "") + ".")
    return 0


def command_line(argv: list[str], usage: str) -> tuple[str, str | None]:
    """The one argument and the checked SITE_URL of a `python -m macros....` command; exits 2 on a mistake."""
    if len(argv) != 1:
        print(f"usage: {usage}", file=sys.stderr)
        raise SystemExit(2)
    try:
        return argv[0], site_url(os.environ.get("SITE_URL"))
    except SiteUrlError as problem:
        print(problem, file=sys.stderr)
        raise SystemExit(2) from None


def main(argv: list[str]) -> int:
    config, url = command_line(argv, "python -m macros.build.safe_build CONFIG.yml")
    return build(Path(config), url)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
