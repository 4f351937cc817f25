"""docs/how-to/host-the-playbook.md: every configuration and command it shows is the shipped one and works."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from conftest import ROOT
from macros.build.safe_build import site_dir

HOWTO = ROOT / "docs" / "how-to" / "host-the-playbook.md"
SIGN_IN = ROOT / "docs" / "how-to" / "host-behind-sign-in.md"
TEXT = HOWTO.read_text(encoding="utf-8") + "\n" + SIGN_IN.read_text(encoding="utf-8")
FENCE = re.compile(r"^( *)```(\w+)([^\n]*)\n(.*?)^\1```", re.DOTALL | re.MULTILINE)


def blocks(lang: str) -> list[tuple[str, str]]:
    """(title attribute line, dedented body) of each fenced block in `lang`."""
    found = []
    for indent, kind, info, body in FENCE.findall(TEXT):
        if kind == lang:
            found.append((info.strip(), textwrap.dedent(body)))
    return found


def titled(title: str) -> str:
    (body,) = [body for info, body in blocks("nginx") + blocks("yaml") if f'title="{title}"' in info]
    return body


def test_the_configurations_shown_are_the_shipped_files() -> None:
    for name in ("nginx.conf", "sign-in.conf"):
        shown = titled(f"hosting/{name}")
        shipped = (ROOT / "hosting" / name).read_text(encoding="utf-8")
        assert shown == shipped, f"the how-to shows an old copy of hosting/{name}"


def test_the_gitlab_job_publishes_the_partner_edition() -> None:
    job = yaml.safe_load(titled(".gitlab-ci.yml"))["pages"]
    assert job["artifacts"]["paths"] == ["public"]
    script = job["script"]
    assert "make test" in script and 'make public SITE_URL="$CI_PAGES_URL/"' in script
    moved = next(line for line in script if line.startswith("mv "))
    assert ROOT / moved.split()[1] == site_dir(ROOT / "mkdocs-public.yml")
    assert script.index("make test") < script.index(moved)


def test_the_render_commands_shown_work(tmp_path: Path) -> None:
    """Run each `render_nginx.py` command of the how-to on a build for the address it uses."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "_headers").write_text("/*\n  Content-Security-Policy: default-src 'self'\n")
    built = re.search(r"make build SITE_URL=(\S+?)`", TEXT)
    assert built is not None
    (site / "sitemap.xml").write_text(f"<urlset><url><loc>{built.group(1)}</loc></url></urlset>")
    commands = [c for _, body in blocks("sh") for c in body.splitlines() if "render_nginx.py" in c]
    assert len(commands) == 2
    for command in commands:
        words = shlex.split(command)
        assert words[:2] == ["python3", "hosting/render_nginx.py"] and words[2] == "site/"
        out = tmp_path / words[words.index("-o") + 1]
        words[words.index("-o") + 1] = str(out)
        result = subprocess.run([sys.executable, str(ROOT / words[1]), str(site), *words[3:]],
                                capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr
        text = out.read_text()
        assert "server_name playbook.example.com;" in text and "alias /srv/playbook/site/;" in text
        if "--include" in words:
            assert "include /etc/nginx/snippets/playbook-sign-in.conf;" in text


def test_the_variables_named_are_the_workflow_s() -> None:
    workflow = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    for name in ("PARTNER_SITE_URL", "INTERNAL_SITE_URL"):
        assert f"`{name}`" in TEXT and f"${{{{ vars.{name} }}}}" in workflow
    artifact = re.search(r"artifact `([^`]+)`", TEXT)
    assert artifact is not None and f"name: {artifact.group(1)}\n" in workflow
