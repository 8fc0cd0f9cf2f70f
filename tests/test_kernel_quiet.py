"""The notebooks' kernel logs errors only: no "running over TCP without encryption" warning in the build's log."""

from __future__ import annotations

import os
import subprocess
import sys

from support import ROOT

# What mkdocs-jupyter does with a notebook: nbconvert's app loads the user's config, and
# its ExecutePreprocessor runs the notebook in a kernel started with that config.
RUN = """
import nbformat
from nbconvert.nbconvertapp import NbConvertApp
from nbconvert.preprocessors import ExecutePreprocessor
app = NbConvertApp()
app.load_config_file()
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
ExecutePreprocessor(config=app.config, timeout=60).preprocess(nb)
print(app.config.NotebookClient.get("extra_arguments", ["none"])[0], nb.cells[0].outputs[0]["text"].strip())
"""


def _run(config_path: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, JUPYTER_CONFIG_PATH=config_path)
    return subprocess.run([sys.executable, "-c", RUN], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_the_kernel_starts_quiet_and_still_runs_the_cells(tmp_path):
    quiet = _run(str(ROOT / "pipeline" / "jupyter"))
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout.split() == ["--IPKernelApp.log_level=ERROR", "42"]
    assert "without encryption" not in quiet.stderr
    # Without the project's config, the warning this guards against appears.
    loud = _run(str(tmp_path))
    assert loud.stdout.split() == ["none", "42"]
    assert "Kernel is running over TCP without encryption" in loud.stderr
