"""Atomic builds: `python -m macros.safe_build mkdocs.yml`.

Builds strictly into a temporary folder beside the output and swaps it in only
when the build succeeds. A failed build leaves the last good site untouched.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml keys we need, ignoring tags such as !ENV or !!python/name."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_dir(config: Path) -> Path:
    """The output folder a config (and the configs it INHERITs) asks for."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    if "site_dir" in data:
        return (config.parent / data["site_dir"]).resolve()
    if "INHERIT" in data:
        return site_dir((config.parent / data["INHERIT"]).resolve())
    return (config.parent / "site").resolve()


def build(config: Path) -> int:
    config = config.resolve()
    output = site_dir(config)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    wrapper = config.parent / f".safe-build-{os.getpid()}.yml"
    wrapper.write_text(f"INHERIT: {config.name}\nsite_dir: {staging}\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(wrapper)],
                                cwd=config.parent, env=env)
    finally:
        wrapper.unlink(missing_ok=True)
    relative = os.path.relpath(output)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = "was left untouched" if output.exists() else "does not exist yet"
        print(f"Build failed; the last good site in {relative}/ {kept}.", file=sys.stderr)
        return result.returncode
    old = output.with_name(f".{output.name}-old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built {relative}/ from {config.name}.")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m macros.safe_build CONFIG.yml", file=sys.stderr)
        return 2
    return build(Path(argv[0]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
