"""The code base stays clean under the project's ruff rules (pyproject)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_check_passes() -> None:
    ruff = shutil.which("ruff")
    assert ruff, "ruff is part of the test extra: pip install '.[test]'"
    res = subprocess.run(
        [ruff, "check", "graphmap", "importers", "tests", "examples", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy_strict_passes_on_the_library() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "mypy", "graphmap"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stdout + res.stderr
