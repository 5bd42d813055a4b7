"""What the doc-test layer's own tests share: its fixture pages, and the options that run
the layer on them in a pytester session (the ``fixture_pages`` fixture is in conftest.py)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"  # pages with deliberate faults, and their course
PLUGIN = ["-p", "tests.doclayer.plugin", "--markdown-docs", "--markdown-docs-syntax=superfences",
          "-p", "no:cacheprovider"]
