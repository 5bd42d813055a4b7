"""axe-core, run in the browser on every kind of page, in both palettes.

axe-core is the copy vendored by axe-playwright-python (no network). A serious or critical
violation fails the test, unless it is listed in ``EXCEPTIONS`` with the reason it stays.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Visits, open_context, same_worker_as

PAGES = {  # one of each kind of page
    "home": "",
    "lesson": "part1/dense-layers/",  # figures, a diagram, math, a quiz, annotations
    "notebook": "notebooks/part1/one-neuron/",
    "api": "api/",
}
FAILING_IMPACTS = ("serious", "critical")
# (kind of page, rule id, a fragment of the flagged node's selector ("" for any), why it stays)
NOTEBOOK_REASON = ("the notebook page is drawn by mkdocs-jupyter with JupyterLab's own styles "
                   "(Pygments' default colours at 3.5-4.4:1, cells that scroll without focus); "
                   "the notebook pages are being reworked separately")
EXCEPTIONS: list[tuple[str, str, str, str]] = [
    ("notebook", "color-contrast", "", NOTEBOOK_REASON),
    ("notebook", "scrollable-region-focusable", "#cell-id", NOTEBOOK_REASON),
    *[(kind, "aria-dialog-name", ".md-search",
       "Material's search dialog has no name in its template; naming it needs a template "
       "override, left for the navigation work") for kind in ("home", "lesson", "notebook", "api")],
]


def _allowed(kind: str, rule: str, target: str) -> bool:
    return any(k == kind and r == rule and fragment in target
               for k, r, fragment, _ in EXCEPTIONS)


def violations(page: Any, kind: str) -> list[str]:
    """The serious and critical violations on the page, one line per node."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    results = axe.run(page).response
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            if not _allowed(kind, violation["id"], target):
                found.append(f"{violation['id']} ({violation['impact']}): {target}: "
                             f"{node['failureSummary'].splitlines()[-1].strip()}")
    return found


@pytest.mark.parametrize(("kind", "path"), [
    pytest.param(kind, PAGES[kind], id=kind, marks=same_worker_as(PAGES[kind]))
    for kind in sorted(PAGES)
])
def test_no_serious_accessibility_violations_light(visits: Visits, kind: str, path: str) -> None:
    """The page as first loaded in the light palette (the load its other checks read)."""
    visit = visits(path)
    found = violations(visit.tab, kind)
    assert not visit.problems(), "\n".join(visit.problems())
    assert not found, f"{kind} page, light palette:\n" + "\n".join(found)


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_serious_accessibility_violations_dark(browser: Any, site_url: str, kind: str) -> None:
    context, watch = open_context(browser, "dark")
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[kind], wait_until="load")
        page.wait_for_load_state("networkidle")
        found = violations(page, kind)
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())
    assert not found, f"{kind} page, dark palette:\n" + "\n".join(found)


def test_every_exception_is_explained() -> None:
    for kind, rule, _, reason in EXCEPTIONS:
        assert kind in PAGES, f"exception for {rule} names no kind of page: {kind}"
        assert len(reason) > 40, f"exception {kind}/{rule} needs a reason"
