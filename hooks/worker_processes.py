"""Run a few commands at once, for the diagrams hook's cold-start work.

A build from nothing (a fresh clone, or a new Mermaid) draws every diagram; each is
independent, so they are split over one process per core.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def share_out(items: Sequence[T], parts: int | None = None) -> list[list[T]]:
    """``items`` dealt round-robin into at most ``parts`` (default: one per core) lists.

    >>> share_out([1, 2, 3, 4, 5], 2)
    [[1, 3, 5], [2, 4]]
    >>> share_out([1], 4)
    [[1]]
    """
    parts = max(1, parts or os.cpu_count() or 1)
    return [list(items[start::parts]) for start in range(min(parts, len(items)))]


def run_together(commands: list[list[str]], **options: Any) -> list[tuple[int, str]]:
    """Start every command, then wait for all; the exit status and standard error of each."""
    processes = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, **options)
        for command in commands
    ]
    results = []
    for process in processes:
        _, errors = process.communicate()
        results.append((process.returncode, errors))
    return results
