"""The browser scripts' pure parts, tested with Node's own test runner (tests/js/*.test.mjs)."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_the_node_tests_of_the_browser_scripts_pass():
    # register.mjs points the scripts' import of ./search-record.json at the
    # contract in care_directory/model/, which the build copies beside them.
    result = subprocess.run(
        ["node", "--import", "./tests/js/register.mjs", "--test", "tests/js/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
