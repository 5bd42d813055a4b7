"""The one process pool of the build: independent jobs shared out over one process per core.

A build from nothing (a fresh clone, a new Mermaid, an edited ``nnref``) draws every figure
and diagram; each is independent, so both are dealt round-robin into one worker process per
core (``share_out``) and run together (``Batch``). Workers run with one BLAS thread, and a
time limit: a job that never returns is stopped and named, so a build cannot hang.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from coursekit.project import ROOT, worker_environment

T = TypeVar("T")
# Seconds per job of a worker's share (a figure script, a diagram), so that a build on a
# busy machine is not stopped for having many jobs: a cold figure takes a second or two.
TIME_LIMIT = 120.0


def share_out(items: Sequence[T], parts: int | None = None) -> list[list[T]]:
    """``items`` dealt round-robin into at most ``parts`` (default: one per core) lists.

    >>> share_out([1, 2, 3, 4, 5], 2)
    [[1, 3, 5], [2, 4]]
    >>> share_out([1], 4)
    [[1]]
    """
    parts = max(1, parts or os.cpu_count() or 1)
    return [list(items[start::parts]) for start in range(min(parts, len(items)))]


@dataclass
class Finished:
    command: list[str]
    status: int  # the exit status; -9 when stopped at the time limit
    stdout: str
    stderr: str
    timed_out: bool = False


class Batch:
    """Commands started together now, in worker processes; ``wait()`` collects them."""

    def __init__(self, commands: list[list[str]], time_limit: float | None = None,
                 jobs: int = 1) -> None:
        """``jobs``: the most jobs any one command runs; the time limit, ``TIME_LIMIT``
        per job unless given, covers them all."""
        self.commands = commands
        self.time_limit = TIME_LIMIT * max(1, jobs) if time_limit is None else time_limit
        self.deadline = time.monotonic() + self.time_limit
        self.processes = [
            subprocess.Popen(command, cwd=ROOT, env=worker_environment(), text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for command in commands
        ]

    def wait(self) -> list[Finished]:
        results = []
        for command, process in zip(self.commands, self.processes, strict=True):
            remaining = max(0.1, self.deadline - time.monotonic())
            try:
                out, err = process.communicate(timeout=remaining)
                results.append(Finished(command, process.returncode, out, err))
            except subprocess.TimeoutExpired:
                process.kill()
                out, err = process.communicate()
                results.append(Finished(command, process.returncode, out, err, timed_out=True))
        return results
