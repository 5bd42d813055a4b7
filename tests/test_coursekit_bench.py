"""The author's-loop benchmark (``python -m coursekit.bench``): its arithmetic, its table
and its floors. Nothing here times anything: the figures are given."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coursekit import bench
from coursekit.pages import read_page
from coursekit.project import ROOT, mkdocs_config


def _figure(samples: list[float], floors: list[float], target: bench.Target) -> bench.Figure:
    return bench.Figure("job", "floor", target, samples, floors)


def test_medians_and_ratio_are_of_the_samples_given() -> None:
    figure = _figure([3.0, 9.0, 4.0, 5.0], [2.0, 1.0, 100.0], bench.Target(seconds=4.6))
    assert figure.median == 4.5  # even count: the mean of the middle two
    assert figure.floor_median == 2.0  # one slow outlier does not move it
    assert figure.ratio == 2.25
    assert figure.met  # 4.5 s is within 4.6 s


@pytest.mark.parametrize(("target", "met"), [
    (bench.Target(seconds=2.0), True),
    (bench.Target(seconds=1.9), False),
    (bench.Target(ratio=4.0), True),
    (bench.Target(ratio=3.9), False),
    (bench.Target(seconds=2.0, ratio=3.9), False),  # both parts must hold
    (bench.Target(seconds=1.9, ratio=4.0), False),
    (bench.Target(seconds=2.0, ratio=4.0), True),
])
def test_a_target_is_met_only_when_every_part_holds(target: bench.Target, met: bool) -> None:
    assert _figure([2.0], [0.5], target).met is met  # 2.0 s, 4.0 times its floor


def test_a_floor_of_zero_is_an_error_not_an_infinite_ratio() -> None:
    with pytest.raises(ValueError, match=r"floor.s median must be positive, got 0\.0"):
        _ = _figure([1.0], [0.0], bench.Target(ratio=2.0)).ratio


def test_the_table_shows_medians_floors_ratios_targets_and_verdicts() -> None:
    rows = [_figure([1.234, 1.0, 2.0], [0.5], bench.Target(seconds=1.0)),
            _figure([12.0], [3.0], bench.Target(ratio=4.5))]
    lines = bench.table(rows).split("\n")
    assert lines[0].startswith("| what | median | floor |")
    assert lines[2] == "| job | 1.23 s | floor | 0.50 s | 2.47x | ≤ 1 s | no |"
    assert lines[3] == "| job | 12.00 s | floor | 3.00 s | 4.00x | ≤ 4.5x floor | yes |"


def test_the_page_floor_runs_the_same_code_with_includes_expanded(tmp_path: Path) -> None:
    page = ROOT / bench.PAGE
    copy = bench.expanded_page(page, tmp_path)
    original, expanded = read_page(page), read_page(copy)
    assert not any(fence.includes for fence in expanded.code_fences)
    assert len(expanded.code_fences) == len(original.code_fences)
    snippet = (ROOT / "snippets" / "one-neuron" / "delivery_risk.py").read_text()
    assert snippet.strip().split("\n")[-1] in copy.read_text()


def test_the_plain_build_has_the_same_markdown_and_none_of_the_machinery(
    tmp_path: Path,
) -> None:
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    course = mkdocs_config(ROOT / "mkdocs.yml")
    plain = mkdocs_config(bench.plain_material(tmp_path) / "mkdocs.yml")
    assert plain["nav"] == course["nav"]
    assert plain["markdown_extensions"] == course["markdown_extensions"]
    assert plain["theme"]["name"] == "material"
    assert plain["plugins"] == ["search"]
    assert "hooks" not in plain and "hooks" in course


def test_the_rebuild_ledger_charges_each_step_and_the_page_it_ran_for() -> None:
    ticks = iter(range(100))  # a clock that moves one second per reading
    ledger = bench._Ledger(clock=lambda: float(next(ticks)))
    render = ledger.timed("render", lambda text: text.upper())
    build = ledger.timed("build", lambda page, text: render(text), page_of=lambda page, _: page)
    assert build("a.md", "x") == "X"  # the wrapped calls still return what they return
    build("b.md", "y")
    render("outside any page")
    # build reads the clock at its start and end, render twice in between: 3 s and 1 s
    assert ledger.steps == {"build": 6.0, "render": 3.0}
    assert ledger.pages == {"a.md": 3.0, "b.md": 3.0}
    assert ledger.page is None  # no page is left current after its build


def test_where_the_rebuild_goes_lists_steps_then_pages_with_their_shares() -> None:
    ledger = {"steps": {"the whole build": 4.0, "search": 1.0, "templates": 2.0},
              "pages": {"api.md": 2.0, "index.md": 1.0}}
    lines = bench.where_the_rebuild_goes(ledger, rows=1).split("\n")
    assert "4.00 s of CPU" in lines[0]
    assert lines[4] == "| templates | 2.00 s | 50% |"  # the costliest step only (rows=1)
    assert "| search |" not in "\n".join(lines)
    assert lines[8] == "| `api.md` | 2.00 s | 50% |"
    assert lines[9].startswith("| no one page") and lines[9].endswith("| 1.00 s | 25% |")


ORPHAN_CPU = """
import os, subprocess, sys, time
from coursekit import bench
adopted = bench._adopt_orphans()
before = bench._children_cpu()
# A child that starts a grandchild and exits at once, as Chromium's processes outlive the
# driver that started them: the grandchild is an orphan, busy for a while.
spin = "import time\\nend = time.process_time() + 0.3\\nwhile time.process_time() < end: pass"
subprocess.run([sys.executable, "-c",
                f"import subprocess, sys; subprocess.Popen([sys.executable, '-c', {spin!r}])"],
               check=True)
bench._reap_orphans()
print(adopted, bench._children_cpu() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux process feature")
def test_the_suites_floor_counts_the_cpu_of_orphaned_descendants() -> None:
    done = subprocess.run([sys.executable, "-c", ORPHAN_CPU], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    adopted, counted = done.stdout.split()
    assert adopted == "True"
    assert float(counted) >= 0.3  # the grandchild's spin, which alone is at least 0.3 s


def test_a_build_stopped_in_a_quiet_probe_says_why() -> None:
    """MkDocs stops a strict build with a SystemExit that prints nothing: the probe's error
    quotes the warnings that stopped it, and the log is as quiet as before."""
    import logging

    def strict_build(config: object, *, serve_url: str) -> None:
        logging.getLogger("mkdocs.plugins").warning("Doc file 'x.md' contains a missing include")
        raise SystemExit(1)

    logger = logging.getLogger("mkdocs")
    before = (logger.level, logger.propagate, list(logger.handlers))
    stopped = r"the build stopped: Doc file 'x\.md' contains a missing"
    with pytest.raises(RuntimeError, match=stopped):
        bench.built(strict_build, object(), serve_url="http://127.0.0.1:8000/")
    assert (logger.level, logger.propagate, list(logger.handlers)) == before
    calls: list[object] = []
    bench.built(lambda config, **options: calls.append(options), "config", serve_url="u")
    assert calls == [{"serve_url": "u"}]  # a build that succeeds is just run
