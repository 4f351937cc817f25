"""The publishing workflow (.github/workflows/publish.yml): actionlint and zizmor, offline, and what it must do."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from macros.publish.pdf import OUTPUT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
BIN = Path(sys.executable).parent
# No token: zizmor must not reach GitHub even if a developer has one set.
OFFLINE = {**{k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")},
           "ZIZMOR_OFFLINE": "true", "NO_COLOR": "1"}

BAD = """\
name: Bad
on: pull_request_target
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo "${{ vars.PARTNER_SITE_URL }"
"""


def lint(tool: str, path: Path) -> subprocess.CompletedProcess[str]:
    command = {"actionlint": [str(BIN / "actionlint"), "-no-color", str(path)],
               "zizmor": [str(BIN / "zizmor"), "--offline", "--no-config", str(path)]}[tool]
    if not Path(command[0]).exists():
        pytest.fail(f"{tool} is not installed in .venv: run 'make setup' (it is pinned in requirements.txt)")
    return subprocess.run(command, capture_output=True, text=True, env=OFFLINE, timeout=60, cwd=path.parent)


@pytest.mark.parametrize("tool", ["actionlint", "zizmor"])
def test_publish_workflow_passes(tool: str) -> None:
    result = lint(tool, WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checks_fail_on_a_bad_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD)
    actionlint = lint("actionlint", bad)
    assert actionlint.returncode != 0 and "bad.yml:12" in actionlint.stdout, actionlint.stdout
    zizmor = lint("zizmor", bad)
    assert zizmor.returncode != 0
    for audit in ("template-injection", "unpinned-uses", "dangerous-triggers", "artipacked"):
        assert audit in zizmor.stdout, (audit, zizmor.stdout)


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_actions_are_pinned_by_commit_with_their_version() -> None:
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text())
    assert {u.split("@")[0] for u, _ in uses} >= {"actions/checkout", "actions/upload-pages-artifact",
                                                  "actions/deploy-pages", "actions/upload-artifact"}
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), (action, comment)


def test_least_privilege_and_no_expressions_in_scripts(workflow: dict) -> None:
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for job in workflow["jobs"].values():
        for step in steps(job):
            assert "${{" not in step.get("run", ""), step  # values reach scripts through env only


def test_tests_then_every_publishing_output_at_its_address(workflow: dict) -> None:
    build = workflow["jobs"]["build"]
    assert build["env"] == {"PARTNER_SITE_URL": "${{ vars.PARTNER_SITE_URL }}",
                            "INTERNAL_SITE_URL": "${{ vars.INTERNAL_SITE_URL }}"}
    runs = [step.get("run", "") for step in steps(build)]
    assert runs.index("make test") < runs.index("make dist")
    # make dist builds each edition for the address of the same name and copies it into dist/.
    makefile = (ROOT / "Makefile").read_text()
    dist = makefile[makefile.index("\ndist:"):].split("\n\n")[0]
    # (tests/test_makefile.py runs it and checks each build gets its address)
    assert 'SITE_URL="$$INTERNAL_SITE_URL" $(PY) -m macros.build.safe_build mkdocs.yml' in dist
    assert 'SITE_URL="$$PARTNER_SITE_URL" $(PY) -m macros.build.safe_build mkdocs-public.yml' in dist
    assert "site:web-internal" in dist and "site-public:web-partner" in dist
    pages = next(s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages["with"]["path"] == "dist/web-partner"
    kept = next(s for s in steps(build) if s.get("uses", "").startswith("actions/upload-artifact@"))
    paths = kept["with"]["path"].split()
    assert paths[0] == "dist/web-internal/"
    assert {f"dist/{name}" for name in OUTPUT.values()} | {"dist/partnership-playbook-partner.zip"} <= set(paths)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


def test_every_make_target_the_workflow_runs_exists(workflow: dict) -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    wanted = set()
    for step in steps(workflow["jobs"]["build"]):
        for line in step.get("run", "").splitlines():
            if line.startswith("make "):
                wanted |= {word for word in line.split()[1:] if "=" not in word}
    assert wanted and wanted <= targets, f"missing Makefile targets: {sorted(wanted - targets)}"
