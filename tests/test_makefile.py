"""No make variable can run a command (issue 21 item 6): values reach Python as text, whole.

Each case runs the real Makefile in a folder where `.venv/bin/python` is a
stand-in that records its arguments and SITE_URL, so every target runs in
milliseconds, and checks that no value made the shell or make run `touch`.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

RECORDER = f"""#!/bin/sh
exec {sys.executable} -c 'import json, os, sys
with open("calls.jsonl", "a") as log:
    log.write(json.dumps({{"args": sys.argv[1:], "SITE_URL": os.environ.get("SITE_URL")}}) + "\\n")' "$@"
"""
PAYLOADS = ['"; touch {mark}; "', "'; touch {mark}; '", "$(shell touch {mark})", "`touch {mark}`",
            "$$(touch {mark})", "x; touch {mark}", "x\ntouch {mark}", "x' \"$(touch {mark})\" '"]
# Every variable the Makefile reads, and the targets that read it.
VARIABLES = {"SITE_URL": ["build", "public", "bundle", "dist"], "INTERNAL_SITE_URL": ["dist"],
             "PARTNER_SITE_URL": ["dist"], "PORT": ["serve"], "HOST": ["serve"], "DIST": ["pdf", "bundle", "dist"],
             "PYTHON": ["setup"], "VENV": ["build"], "V": ["build"], "ANY_OTHER_NAME": ["build"]}


def make_folder(folder: Path, *, installed: bool = True) -> Path:
    """The Makefile with a recording stand-in for the virtualenv's Python."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("Makefile", "requirements.txt"):
        (folder / name).write_bytes((ROOT / name).read_bytes())
    python = folder / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(RECORDER)
    python.chmod(0o755)
    if installed:
        checksum = subprocess.run("cksum < requirements.txt", shell=True, cwd=folder, capture_output=True,
                                  text=True, check=True).stdout.split()[0]
        (folder / ".venv" / f".installed-{checksum}").touch()
    for site in ("site", "site-public"):
        (folder / site).mkdir()
    return folder


def run_make(folder: Path, target: str, *assignments: str, env_values: dict[str, str] | None = None
             ) -> list[dict[str, object]]:
    """`make target VAR=value...` in `folder` (`env_values`: set in the environment instead, as CI does);
    the stand-in's calls, in order."""
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES and k not in ("MAKEFLAGS", "MFLAGS")}
    env.update(env_values or {})
    subprocess.run(["make", "-s", target, *assignments], cwd=folder, env=env, capture_output=True, text=True,
                   timeout=60)
    log = folder / "calls.jsonl"
    calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    log.unlink(missing_ok=True)
    return calls


@pytest.mark.parametrize("variable", VARIABLES)
def test_no_value_of_a_make_variable_runs_a_command(variable: str, tmp_path: Path) -> None:
    for number, payload in enumerate(PAYLOADS):
        for target in VARIABLES[variable]:
            folder = make_folder(tmp_path / f"{target}-{number}", installed=target != "setup")
            mark = folder / "ran"
            value = payload.format(mark=mark)
            calls = run_make(folder, target, f"{variable}={value}")
            assert not mark.exists(), f"make {target} {variable}={value!r} ran a command"
            seen = [arg for call in calls for arg in call["args"]] + [call["SITE_URL"] for call in calls]
            if variable in ("PORT", "HOST", "SITE_URL") and target != "dist":
                assert value in seen, f"{variable}={value!r} did not reach Python whole: {calls}"
            if variable in ("INTERNAL_SITE_URL", "PARTNER_SITE_URL"):
                assert value in seen, f"{variable}={value!r} did not reach Python whole: {calls}"
            if variable == "DIST" and target != "dist":
                assert any(arg.startswith(value) for arg in seen), calls


@pytest.mark.parametrize("variable", [v for v in VARIABLES if v != "ANY_OTHER_NAME"])
def test_no_value_from_the_environment_runs_a_command(variable: str, tmp_path: Path) -> None:
    """The publishing workflow passes INTERNAL_SITE_URL and PARTNER_SITE_URL in the environment."""
    for number, payload in enumerate(PAYLOADS[:4]):
        for target in VARIABLES[variable]:
            folder = make_folder(tmp_path / f"{target}-{number}", installed=target != "setup")
            mark = folder / "ran"
            run_make(folder, target, env_values={variable: payload.format(mark=mark)})
            assert not mark.exists(), f"{variable}={payload!r} in the environment of make {target} ran a command"


def test_make_serve_passes_host_and_port_as_arguments_and_nothing_when_unset(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    assert run_make(folder, "serve")[0]["args"] == ["-m", "macros.serve.server"]
    assert run_make(folder, "serve", "PORT=8001", "HOST=0.0.0.0")[0]["args"] == [
        "-m", "macros.serve.server", "--host", "0.0.0.0", "--port", "8001"]


def test_make_dist_builds_each_edition_for_its_address(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "dist").mkdir()  # made by the PDF step, which the stand-in skips
    calls = run_make(folder, "dist", "INTERNAL_SITE_URL=https://in.example.com/", "PARTNER_SITE_URL=https://p.example.com/")
    assert [(c["args"][1], c["SITE_URL"]) for c in calls] == [
        ("macros.build.safe_build", "https://in.example.com/"), ("macros.build.safe_build", "https://p.example.com/"),
        ("macros.publish.pdf", ""), ("macros.publish.bundle", "https://p.example.com/")]
    assert (folder / "dist" / "web-internal").is_dir() and (folder / "dist" / "web-partner").is_dir()
    assert run_make(folder, "dist", "SITE_URL=https://x.example.com/") == []  # refused: one address for two editions
