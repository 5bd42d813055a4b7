"""Project-wide pytest set-up: the doc-test layer and the fixtures its own tests use."""

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coursekit.project import one_blas_thread

# One BLAS thread per process, set before NumPy loads (see ``one_blas_thread``).
assert "numpy" not in sys.modules, "conftest.py must run before NumPy is imported"
one_blas_thread()

from tests.doclayer.testing import FIXTURES  # noqa: E402
from tests.site_build import (  # noqa: E402 (after the pinning above)
    BuiltSite,
    SharedBuild,
    finish_build_started_here,
    needs_the_site,
)

pytest_plugins = ["tests.doclayer.plugin", "pytester"]


# Pages with deliberate faults: run only by tests/test_doclayer.py, through pytester.
collect_ignore = ["tests/doclayer/fixtures"]


@pytest.fixture
def fixture_pages(pytester: pytest.Pytester) -> Path:
    """A copy of the doc-test layer's fixture pages, with their mkdocs.yml and snippets/."""
    shutil.copytree(FIXTURES, pytester.path, dirs_exist_ok=True)
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    return pytester.path


@pytest.hookimpl(tryfirst=True)  # before Hypothesis's plugin reads its options
def pytest_configure(config: pytest.Config) -> None:
    """Property tests explore new examples on every local run; in CI (CI=true, as .ci/run
    and GitHub set it) they use a fixed seed, so that a run's verdict does not depend on
    luck. (Hypothesis is imported only then, or where a test uses it.)"""
    if os.environ.get("CI") and config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = "0"
    # ``--dist loadgroup`` hands out the work in the collection's order, which
    # ``pytest_collection_modifyitems`` below chooses.
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


# ---------------------------------------------------------------- how many workers
# A worker costs a process start-up, its own collection and its own imports (about 1.5 s on
# a 2-core machine): more than a few files of tests save by running on two cores.

SMALL_SELECTION = 3  # files named on the command line, at most, run in this one process


def workers_for(args: list[str], invocation_dir: Path, cores: int) -> int:
    """xdist's worker count for ``-n auto``, from what the command line names: 0 (run in
    this process) for at most ``SMALL_SELECTION`` files and no directory, else one per core.

    >>> workers_for(["docs/part1/one-neuron.md"], Path("."), 2)
    0
    >>> workers_for(["tests/test_bench.py::test_one", "conftest.py"], Path("."), 2)
    0
    >>> workers_for(["docs"], Path("."), 2)
    2
    """
    paths = [invocation_dir / arg.split("::", 1)[0] for arg in args]
    if paths and len(paths) <= SMALL_SELECTION and all(p.is_file() for p in paths):
        return 0
    return cores


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (the project's default) by the selection: see ``workers_for``."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own rule reads the variable
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        return None  # the whole suite (testpaths): one worker per core, xdist's rule
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return workers_for(config.args, config.invocation_params.dir, cores or 1)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Hypothesis's plugin imports all of Hypothesis (about a second) in its end-of-run
    summary, even where no test used it. Where this process never imported it and no report
    carries its data (statistics, failing examples from a worker), there is nothing for it
    to say: it is left out of the summary."""
    manager = session.config.pluginmanager
    plugin = manager.get_plugin("hypothesispytest")
    if plugin is None or "hypothesis" in sys.modules:
        return
    reporter = manager.get_plugin("terminalreporter")
    reports = [r for rs in getattr(reporter, "stats", {}).values() for r in rs]
    carried = (key for report in reports for key in getattr(report, "__dict__", {}))
    if not any(key.startswith("_hypothesis") for key in carried):
        manager.unregister(plugin)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("site").addoption(
        "--screenshots", action="store_true",
        help="also write full-page screenshots of key pages, in both palettes, to "
             "test-artifacts/screenshots/ (for looking at the site; adds about 8 s)",
    )


# ---------------------------------------------------------------- the built site
# Tests that need the built site (the browser suite, the figure checks) ask for
# ``built_site``. It is built once per session, in the background from the first test on,
# and those tests run last (see tests/site_build.py).


@pytest.fixture(scope="session", autouse=True)
def _site_built_alongside(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """If any selected test needs the site, start building it now, in the background."""
    if any(needs_the_site(item) for item in request.session.items):
        SharedBuild(tmp_path_factory).start_once()
    yield
    finish_build_started_here()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site, built (not strict, so that warnings can be listed) and waited for."""
    return SharedBuild(tmp_path_factory).wait()


# Of the tests of the built site, the longest (each runs the course's own commands in a
# subprocess, for tens of seconds) go first: at the end of the run one of them would keep
# one worker busy while the other had nothing left to do.
LONG_SITE_TESTS = ("tests/test_new_lesson.py", "tests/test_notebook_download.py")


def _group(item: pytest.Item) -> str | None:
    mark = item.get_closest_marker("xdist_group")
    if mark is None:
        return None
    return str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The order xdist hands out the work in (it keeps it: see ``pytest_configure``).

    First the tests that do not need the built site, the largest xdist groups first (as
    xdist itself orders them: a page of long fences is not left for the end); then the tests
    of the built site, which has been built alongside by the time a worker reaches them:
    the long ones first, then the rest in file order. (xdist's own reordering would put the
    browser suite's page groups before every single test, to wait for the build.)"""
    sizes: dict[str, int] = {}
    for item in items:
        if (group := _group(item)) is not None:
            sizes[group] = sizes.get(group, 0) + 1

    def order(item: pytest.Item) -> tuple[bool, int]:
        if needs_the_site(item):
            path = item.path.relative_to(config.rootpath).as_posix()
            return True, 0 if path in LONG_SITE_TESTS else 1
        group = _group(item)
        return False, -sizes[group] if group is not None else -1

    items.sort(key=order)
