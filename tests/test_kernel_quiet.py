"""The notebooks' kernel logs errors only: no "running over TCP without encryption" warning in the build's log.

pipeline/notebook_run.py starts the kernel with the config in pipeline/jupyter/
(``NotebookClient.extra_arguments``): at every start ipykernel warns that its TCP traffic is
unencrypted, which is harmless here (the ports are on 127.0.0.1, and the kernel runs our own
notebooks for one build) and a warning no reader of the log could act on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from support import ROOT

# What the build does with a notebook, in a process of its own so that its log (the kernel's stderr) is seen.
RUN = """
import sys
from pathlib import Path
from pipeline import notebook_run
if len(sys.argv) > 1:
    notebook_run.CONFIG = Path(sys.argv[1])
notebook = notebook_run.executed(Path("n.py"), Path("kept"))
print(notebook.cells[0].outputs[0]["text"].strip())
"""


def _run(tmp_path, *config) -> subprocess.CompletedProcess:
    (tmp_path / "n.py").write_text("# %%\nprint(6 * 7)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("JUPYTER_CONFIG_PATH", None)
    command = [sys.executable, "-c", RUN, *map(str, config)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_the_kernel_starts_quiet_and_still_runs_the_cells(tmp_path):
    assert json.loads((ROOT / "pipeline/jupyter/jupyter_nbconvert_config.json").read_text()) == {
        "NotebookClient": {"extra_arguments": ["--IPKernelApp.log_level=ERROR"]}
    }
    quiet = _run(tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout.split() == ["42"]
    assert "without encryption" not in quiet.stderr and quiet.stderr == "", quiet.stderr
    # Without the project's config, the warning this guards against appears.
    (tmp_path / "empty.json").write_text("{}")
    (tmp_path / "kept").rename(tmp_path / "kept-before")  # run it again, not read back
    loud = _run(tmp_path, tmp_path / "empty.json")
    assert loud.returncode == 0, loud.stderr
    assert loud.stdout.split() == ["42"]
    assert "Kernel is running over TCP without encryption" in loud.stderr
