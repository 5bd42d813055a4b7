"""The site for the browser suite: built once per test session, in the background.

A cold build (figures, diagrams and notebooks rendered from nothing, as on a fresh clone)
takes half a minute. Waiting for it before the first browser test would leave one core
idle, so the build starts in its own process at the session's first test, while the rest
of the suite runs, and the tests that need it (sorted last) wait for it. Every xdist worker
shares the one build: the first worker to claim it (an exclusive file create) starts it,
and all of them read its result from the session's shared temporary directory.

Run as a script it is that background process:
``python -m tests.site_build SITE_DIR LOG STATUS`` builds into ``SITE_DIR``, writes
MkDocs' log to ``LOG`` and then its exit status to ``STATUS``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from coursekit.project import ROOT

TIMEOUT = 600  # seconds; a cold build takes about 30
# The tests' build is published, as GitHub Pages publishes a project site, under a sub-path
# (the browser suite serves it there), and has no repository, so no repository or edit links.
SITE_URL = "http://127.0.0.1:8000/nn-course/"
_WARNING = re.compile(r"^(WARNING|ERROR)\s+-\s+(?P<message>.*)$")


@dataclass
class BuiltSite:
    path: Path
    warnings: list[str]
    log: str


def warnings_in(log: str) -> list[str]:
    """MkDocs' warnings and errors, each with its continuation lines.

    >>> warnings_in("INFO - ok\\nWARNING - a link is broken\\n  in about.md\\nINFO - done")
    ['a link is broken\\n  in about.md']
    """
    found: list[str] = []
    for line in log.splitlines():
        if match := _WARNING.match(line):
            found.append(match["message"])
        elif found and line.startswith("  "):
            found[-1] += "\n" + line
    return found


class SharedBuild:
    """The one build of a test session, wherever in the session it is asked for."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        base = tmp_path_factory.getbasetemp()
        # Under xdist each worker's base is a child of the session's own directory.
        shared = base.parent if "PYTEST_XDIST_WORKER" in os.environ else base
        self.directory = shared / "site-build"
        self.directory.mkdir(exist_ok=True)
        self.site = self.directory / "site"
        self.log = self.directory / "build.log"
        self.status = self.directory / "build.status"

    def start_once(self) -> None:
        """Start the build unless some process of this session already has."""
        try:
            os.close(os.open(self.directory / "claimed", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        try:
            _started_here.append(subprocess.Popen(
                [sys.executable, "-m", "tests.site_build",
                 str(self.site), str(self.log), str(self.status)],
                cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=build_environment(),
            ))
        except OSError as error:  # reported by every waiter, instead of a silent timeout
            self.log.write_text(f"could not start the build: {error}\n")
            self.status.write_text("1")

    def wait(self) -> BuiltSite:
        self.start_once()
        deadline = time.monotonic() + TIMEOUT
        while not self.status.is_file():
            if time.monotonic() > deadline:
                pytest.fail(f"the site build did not finish in {TIMEOUT} s; log: {self.log}")
            time.sleep(0.1)
        log = self.log.read_text(encoding="utf8", errors="replace")
        if self.status.read_text().strip() != "0":
            pytest.fail(f"mkdocs build failed:\n{log[-5000:]}")
        return BuiltSite(self.site, warnings_in(log), log)


def build_environment() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COURSE_SITE_URL": SITE_URL}
    env.pop("COURSE_REPO_URL", None)
    return env


_started_here: list[subprocess.Popen[bytes]] = []


def finish_build_started_here() -> None:
    """At the end of this process's session: wait for the build it started, if any (other
    workers may still need it, so it is not stopped)."""
    while _started_here:
        _started_here.pop().wait()


def needs_the_site(item: pytest.Item) -> bool:
    return "built_site" in getattr(item, "fixturenames", ())


def main(site: str, log: str, status: str) -> int:
    with open(log, "wb") as log_file:
        code = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", site],
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
            check=False,
        ).returncode
    partial = Path(status + ".partial")
    partial.write_text(str(code))
    partial.replace(status)  # appears whole: a waiter never reads half a status
    return code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
