"""Shared test setup.

Tests run against the installed graphmap (pytest's importlib import mode
leaves sys.path alone, so a non-editable ``pip install .`` is what is
tested, package data included).  The repository root is appended, not
prepended, so ``examples`` is importable without shadowing the installed
package."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

#: The installed ``graphmap`` command as a subprocess.  ``-P`` keeps the
#: working folder off sys.path, so a test run from the repository root
#: still runs the installed package, not the source folder.
GRAPHMAP = [sys.executable, "-P", "-c", "from graphmap.cli import main; main()"]

#: The date the bundled example is written for.
EXAMPLE_TODAY = dt.date(2026, 11, 21)

# The ArcadeDB Bolt test server fixtures (arcadedb_server, neo4j_db, pushed).
from tests.server import arcadedb_server, neo4j_db, pushed  # noqa: E402, F401
