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

from hypothesis import settings  # noqa: E402

from tests.doclayer.testing import FIXTURES  # noqa: E402
from tests.site_build import (  # noqa: E402 (after the pinning above)
    BuiltSite,
    SharedBuild,
    finish_build_started_here,
    needs_the_site,
)

pytest_plugins = ["tests.doclayer.plugin", "pytester"]

# Property tests explore new examples on every local run; in CI (CI=true, as .ci/run and
# GitHub set it) they replay a fixed set, so that a run's verdict does not depend on luck.
# A failure found locally is kept by Hypothesis's database and shown with its example.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Pages with deliberate faults: run only by tests/test_doclayer.py, through pytester.
collect_ignore = ["tests/doclayer/fixtures"]


@pytest.fixture
def fixture_pages(pytester: pytest.Pytester) -> Path:
    """A copy of the doc-test layer's fixture pages, with their mkdocs.yml and snippets/."""
    shutil.copytree(FIXTURES, pytester.path, dirs_exist_ok=True)
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    return pytester.path


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of the built site last: by the time a worker reaches them the site has been
    built alongside the other tests."""
    items.sort(key=needs_the_site)
