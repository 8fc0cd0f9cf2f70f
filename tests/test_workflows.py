"""The GitHub workflows: valid against the vendored schema, least privilege, the right commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.y*ml"))
READ_ONLY = {"contents": "read"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict.fromkeys(on) if isinstance(on, list) else on


def permissions(workflow: dict, job: str) -> dict:
    """What the job's token may do: its own block, else the workflow's."""
    block = workflow["jobs"][job].get("permissions", workflow.get("permissions"))
    assert isinstance(block, dict), f"{job}: permissions must be listed, not left to the repository default"
    return block


def validate(path: Path) -> subprocess.CompletedProcess:
    # The schema ships inside check-jsonschema, so this needs no network.
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_both_workflows_exist():
    assert {p.name for p in FILES} >= {"test.yml", "deploy.yml"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflow_matches_schema(path):
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    runs-on: ubuntu-latest\n", ""),  # a job with nowhere to run
        ("timeout-minutes:", "timeout-minute:"),  # a job key GitHub does not know
    ],
    ids=["runs-on missing", "unknown job key"],
)
def test_schema_rejects_a_broken_workflow(tmp_path, old, new):
    text = (WORKFLOWS / "test.yml").read_text(encoding="utf-8")
    assert old in text, "the breakage must apply, or this test proves nothing"
    broken = tmp_path / "test.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate(broken)
    assert result.returncode != 0, result.stdout


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_pull_request_target(path):
    # pull_request_target runs a fork's code with this repository's secrets and write token.
    assert "pull_request_target" not in triggers(load(path))
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


def test_pull_requests_run_make_test_read_only():
    workflow = load(WORKFLOWS / "test.yml")
    assert "pull_request" in triggers(workflow)
    for job in workflow["jobs"]:
        assert permissions(workflow, job) == READ_ONLY, job
    runs = [step.get("run", "") for spec in workflow["jobs"].values() for step in spec["steps"]]
    assert any(line.strip() == "make test" for run in runs for line in run.splitlines())


def test_deploy_builds_on_main_and_publishes_to_pages():
    workflow = load(WORKFLOWS / "deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["group"] == "pages"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert permissions(workflow, "build") == READ_ONLY
    assert permissions(workflow, "deploy") == {"pages": "write", "id-token": "write"}
    assert any(step.get("run") == "make build" for step in build["steps"])
    upload = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_only_the_deploy_job_may_write():
    for path in FILES:
        workflow = load(path)
        for job in workflow["jobs"]:
            writes = {k for k, v in permissions(workflow, job).items() if v == "write"}
            allowed = {"pages", "id-token"} if (path.name, job) == ("deploy.yml", "deploy") else set()
            assert writes <= allowed, f"{path.name}:{job} may write {writes - allowed}"
