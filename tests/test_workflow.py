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


def summary_step(build: dict) -> dict:
    return next(s for s in steps(build) if "macros.publish.partner_diff" in s.get("run", ""))


def test_the_partner_diff_informs_the_run_summary_and_never_gates(workflow: dict) -> None:
    build = workflow["jobs"]["build"]
    checkout = next(s for s in steps(build) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the commit before the push must be there to build
    step = summary_step(build)
    assert step["continue-on-error"] is True, "a failed comparison must not stop the publication"
    assert 0 < step["timeout-minutes"] <= 30
    assert step["env"] == {"BEFORE": "${{ github.event.before }}"}
    assert '>> "$GITHUB_STEP_SUMMARY"' in step["run"] and "--markdown" in step["run"]
    assert steps(build).index(step) > next(i for i, s in enumerate(steps(build)) if s.get("run") == "make dist")


@pytest.mark.parametrize("before, expected", [("first", "first"), ("0" * 40, "HEAD~1"), ("", "HEAD~1"),
                                              ("f" * 40, "HEAD~1")])
@pytest.mark.parametrize("works", [True, False])
def test_the_summary_compares_with_the_commit_before_the_push(workflow: dict, tmp_path: Path, before: str,
                                                              expected: str, works: bool) -> None:
    """The step's own script, run as GitHub runs it, with a stand-in for the comparison that prints its arguments."""
    repo, summary = tmp_path / "repo", tmp_path / "summary.md"
    repo.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GITHUB_STEP_SUMMARY": str(summary)}
    shas = []
    subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    for n in range(3):
        subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", str(n)], cwd=repo, env=env, check=True)
        shas.append(subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, env=env, capture_output=True,
                                   text=True, check=True).stdout.strip())
    stub = repo / ".venv" / "bin" / "python"
    stub.parent.mkdir(parents=True)
    stub.write_text("#!/bin/sh\necho \"compared: $*\"\n" + ("" if works else "exit 1\n"))
    stub.chmod(0o755)
    env["BEFORE"] = shas[0] if before == "first" else before
    script = summary_step(workflow["jobs"]["build"])["run"]
    run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],  # GitHub's default shell
                         cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    base = shas[0] if expected == "first" else expected
    written = summary.read_text()
    if works:
        assert run.returncode == 0, run.stderr
        assert written == f"compared: -m macros.publish.partner_diff --markdown -- {base}\n"
    else:
        assert run.returncode != 0  # a warning on the run, which continue-on-error keeps from failing it
        assert written.endswith(f"No comparison with {base} this time: the log of the step 'Summarise what "
                                "partners will see' says why.\n")
