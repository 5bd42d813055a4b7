"""The author's loop, timed: ``uv run python -m coursekit.bench``.

Each figure of the loop (checking one page, the whole suite, building the site from
nothing and with warm caches, ``mkdocs serve``'s rebuild after a prose edit and after a
snippet edit) is measured in one run together with its **floor**, the same job done
without the course's machinery:

- checking one page: pytest-markdown-docs alone (no conftest, no xdist, no other plugin)
  on the same page, its includes expanded;
- the builds and rebuilds: a plain Material build of the same Markdown, with the same
  extensions and nav but none of the course's hooks or plugins;
- the whole suite: the work it did (CPU seconds of every process it started, the
  browser's included) spread perfectly over the cores.

Measured and floor runs alternate and each figure is a median over ``--runs``, so that a
shared, noisy machine slows both alike: read the ratios. The builds run in copies of the
course in a temporary directory (a cold build from a copy with no caches, as on a fresh
clone), so the working tree and its caches are left as they are.

``--markdown`` prints the table the Performance page includes; ``--json FILE`` keeps the
numbers; ``--quick`` is one run of each and skips the whole suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from coursekit.project import CACHE, ROOT

PAGE = "docs/part1/one-neuron.md"  # README's "Writing a lesson", step 4
PROSE_EDIT = "docs/part1/one-neuron.md"
SNIPPET_EDIT = "snippets/one-neuron/delivery_risk.py"
COPIED = ("docs", "snippets", "figures", "nnref", "coursekit", "hooks", "tests",
          "mkdocs.yml", "pyproject.toml", "conftest.py", "README.md", ".ci")


# ------------------------------------------------------------------------ arithmetic


@dataclass(frozen=True)
class Target:
    """What a figure must reach: at most ``seconds`` of wall time, or at most ``ratio``
    times its floor (either or both)."""

    seconds: float | None = None
    ratio: float | None = None

    def describe(self) -> str:
        parts = []
        if self.seconds is not None:
            parts.append(f"≤ {self.seconds:g} s")
        if self.ratio is not None:
            parts.append(f"≤ {self.ratio:g}x floor")
        return ", ".join(parts)


@dataclass
class Figure:
    """One row of the table: samples of the job and of its floor, in seconds."""

    what: str
    floor: str
    target: Target
    samples: list[float] = field(default_factory=list)
    floor_samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floor_samples)

    @property
    def ratio(self) -> float:
        """Median of the job over median of its floor."""
        if self.floor_median <= 0:
            raise ValueError(f"{self.what}: the floor's median must be positive, got "
                             f"{self.floor_median}")
        return self.median / self.floor_median

    @property
    def met(self) -> bool:
        """Is every part of the target met by the medians?"""
        if self.target.seconds is not None and self.median > self.target.seconds:
            return False
        return self.target.ratio is None or self.ratio <= self.target.ratio


def table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table: medians, floors, ratios, targets and verdicts."""
    lines = [
        "| what | median | floor | floor median | ratio | target | met |",
        "| --- | ---: | --- | ---: | ---: | --- | --- |",
    ]
    for f in figures:
        lines.append(
            f"| {f.what} | {f.median:.2f} s | {f.floor} | {f.floor_median:.2f} s "
            f"| {f.ratio:.2f}x | {f.target.describe()} | {'yes' if f.met else 'no'} |"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------------- running


def _environment(course: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    for name in ("PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST", "PYTEST_ADDOPTS"):
        env.pop(name, None)
    if course is not None:  # the copy's own packages, not this checkout's
        env["PYTHONPATH"] = str(course)
    return env


def timed(command: Sequence[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall seconds of one run of ``command``; a failure is an error, with its output."""
    start = time.perf_counter()
    done = subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} (in {cwd}) failed with status "
                           f"{done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds


def copy_course(target: Path, *, caches: bool) -> Path:
    """The course's files (not its environment) in ``target``, as a git repository with one
    commit (the build's "last updated" dates read git); with this checkout's build caches
    or without them (a fresh clone)."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        elif source.is_file():
            shutil.copy(source, target / name)
    if caches and CACHE.is_dir():
        shutil.copytree(CACHE, target / CACHE.relative_to(ROOT))
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "-C", str(target)]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "copy"]):
        subprocess.run([*git, *args], check=True, capture_output=True)
    return target


def plain_material(course: Path) -> Path:
    """``course`` turned into a plain Material site: the same docs, nav, theme and Markdown
    extensions, without hooks, plugins (but Material's default search) or watch list."""
    import yaml

    from coursekit.project import mkdocs_config

    config = mkdocs_config(course / "mkdocs.yml")
    plain = {key: config[key] for key in ("site_name", "nav", "markdown_extensions")}
    plain["theme"] = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    plain["extra_css"] = config.get("extra_css", [])
    plain["extra_javascript"] = config.get("extra_javascript", [])
    plain["plugins"] = ["search"]
    plain["site_url"] = "http://127.0.0.1:8000/"
    (course / "mkdocs.yml").write_text(yaml.safe_dump(plain, sort_keys=False))
    return course


def build_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]


def expanded_page(page: Path, target: Path) -> Path:
    """``page`` with its ``--8<--`` includes expanded, as pytest-markdown-docs alone needs
    it (it runs each fence on its own; the course's fences are self-contained)."""
    from coursekit.includes import expand
    from coursekit.pages import read_page

    model = read_page(page)
    lines = page.read_text(encoding="utf8").split("\n")
    for fence in reversed(model.code_fences):
        if fence.includes:
            body = [fence.indent + line if line else ""
                    for line in expand(fence, page)[0].rstrip("\n").split("\n")]
            lines[fence.opening_line : fence.closing_line - 1] = body
    copy = target / page.name
    copy.write_text("\n".join(lines), encoding="utf8")
    (target / "pytest.ini").write_text("[pytest]\n")
    return copy


def _probe(course: Path, *args: str) -> Any:
    """What ``python -m coursekit.bench <args>`` prints last, as JSON, run in ``course``
    in a process of its own (the copy's packages, and MkDocs loaded afresh)."""
    probe = subprocess.run(
        [sys.executable, "-m", "coursekit.bench", *args],
        cwd=course, env=_environment(course), capture_output=True, text=True, check=False,
    )
    if probe.returncode != 0:
        raise RuntimeError(f"the probe {args[0]} failed in {course}:\n{probe.stderr[-3000:]}")
    return json.loads(probe.stdout.strip().splitlines()[-1])


def serve_rebuilds(course: Path, runs: int) -> dict[str, list[float]]:
    """``mkdocs serve``'s rebuilds in ``course``, in a process of their own: its first
    build, then ``runs`` rebuilds after a prose edit and ``runs`` after a snippet edit."""
    return _probe(course, "--serve-probe", str(course), str(runs))


def built(build: Callable[..., None], config: object, **options: object) -> None:
    """``build(config, **options)``, MkDocs' build, whose strict-mode stop is a silent
    ``SystemExit`` in a probe's quiet log: raised again as an error that quotes the warnings
    and errors that stopped it."""
    import logging

    said: list[str] = []
    listener = logging.Handler(logging.WARNING)
    listener.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    quiet = logger.level
    logger.setLevel(logging.WARNING)
    logger.addHandler(listener)
    logger.propagate, propagated = False, logger.propagate  # said here, not printed
    try:
        build(config, **options)
    except SystemExit as stop:
        raise RuntimeError("the build stopped: " + ("; ".join(said) or str(stop))) from None
    finally:
        logger.removeHandler(listener)
        logger.setLevel(quiet)
        logger.propagate = propagated


def _serve_probe(course: Path, runs: int) -> dict[str, list[float]]:
    """What ``mkdocs serve`` does on each change (``mkdocs.commands.serve``): load the
    configuration again and build, in the serving process."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = Path(tempfile.mkdtemp(prefix="bench-serve-"))

    def builder() -> float:
        start = time.perf_counter()
        config = load_config(str(course / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        built(build, config, serve_url="http://127.0.0.1:8000/")
        return time.perf_counter() - start

    times: dict[str, list[float]] = {"first": [builder()], "prose": [], "snippet": []}
    for kind, relative in (("prose", PROSE_EDIT), ("snippet", SNIPPET_EDIT)):
        path = course / relative
        original = path.read_text(encoding="utf8")
        for run in range(runs):
            edit = (f"\n\nAn added sentence, edit {run}.\n" if kind == "prose"
                    else f"\n# an added comment, edit {run}\n")
            path.write_text(original + edit, encoding="utf8")
            times[kind].append(builder())
        path.write_text(original, encoding="utf8")
    shutil.rmtree(site, ignore_errors=True)
    return times


class _Ledger:
    """CPU seconds of one build, by step (each plugin's or hook's handler of each event, the
    Markdown rendering, the theme's templates) and by page (all of its steps)."""

    def __init__(self, clock: Callable[[], float] = time.process_time) -> None:
        self.clock = clock
        self.steps: dict[str, float] = {}
        self.pages: dict[str, float] = {}
        self.page: str | None = None  # the page being read or built, if any

    def timed(self, step: str, call: Callable, *, page_of: Callable | None = None) -> Callable:
        def wrapper(*args: object, **kwargs: object) -> object:
            outer, start = self.page, self.clock()
            if page_of is not None:
                self.page = page_of(*args)
            try:
                return call(*args, **kwargs)
            finally:
                spent = self.clock() - start
                self.steps[step] = self.steps.get(step, 0.0) + spent
                if page_of is not None:
                    self.pages[self.page] = self.pages.get(self.page, 0.0) + spent
                self.page = outer
        return wrapper


def _all_cpu() -> float:
    """CPU seconds of this process and of the children it has waited for (the build's
    workers drawing figures and diagrams)."""
    return time.process_time() + _children_cpu()


def _build_ledger(course: Path, site: Path,
                  clock: Callable[[], float] = time.process_time) -> dict[str, dict[str, float]]:
    """One build as ``mkdocs serve`` runs it, in ``course``, with the CPU seconds spent in
    each step and on each page (``_Ledger``). Steps nest: a page's Markdown rendering runs
    inside the build of that page, so the by-step figures do not add up to the total."""
    from jinja2 import Template
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    ledger = _Ledger(clock)
    config = load_config(str(course / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    origins = config.plugins._event_origins
    for event, handlers in config.plugins.events.items():
        config.plugins.events[event] = [
            ledger.timed(f"{origins.get(handler, '?')}: on_{event}", handler)
            for handler in handlers]

    def page_name(page: Page, *_: object) -> str:
        return page.file.src_uri

    patched = [(mkdocs_build, "_populate_page", "read and render pages (events included)",
                page_name),
               (mkdocs_build, "_build_page", "build pages (events included)", page_name),
               (Page, "render", "Markdown to HTML (Python-Markdown, its extensions)", None),
               (Template, "render", "theme templates (Jinja)", None)]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _, _ in patched]
    try:
        for owner, name, step, page_of in patched:
            setattr(owner, name, ledger.timed(step, getattr(owner, name), page_of=page_of))
        start = ledger.clock()
        built(mkdocs_build.build, config, serve_url="http://127.0.0.1:8000/")
        ledger.steps["the whole build"] = ledger.clock() - start
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
    return {"steps": ledger.steps, "pages": ledger.pages}


def _where_probe(course: Path, cold: bool) -> dict[str, dict[str, float]]:
    """Where a rebuild after a prose edit goes: a first build (as ``mkdocs serve`` starts),
    the edit, then the measured rebuild. ``cold``: where a build from nothing goes, its
    workers' CPU counted in the step that waited for them."""
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = Path(tempfile.mkdtemp(prefix="bench-where-"))
    if cold:
        try:
            return _build_ledger(course, site, clock=_all_cpu)
        finally:
            shutil.rmtree(site, ignore_errors=True)
    path = course / PROSE_EDIT
    original = path.read_text(encoding="utf8")
    try:
        _build_ledger(course, site)
        path.write_text(original + "\n\nAn added sentence.\n", encoding="utf8")
        return _build_ledger(course, site)
    finally:
        path.write_text(original, encoding="utf8")
        shutil.rmtree(site, ignore_errors=True)


def where_the_rebuild_goes(ledger: dict[str, dict[str, float]], rows: int = 12,
                           title: str = f"A `mkdocs serve` rebuild after editing "
                                        f"`{PROSE_EDIT}`'s prose") -> str:
    """The ledger of a build as two Markdown tables: the costliest steps, then the pages."""
    total = ledger["steps"]["the whole build"]
    lines = [f"{title}: {total:.2f} s of CPU.", "",
             "| step | CPU | share |", "| --- | ---: | ---: |"]
    steps = sorted(((s, t) for s, t in ledger["steps"].items() if s != "the whole build"),
                   key=lambda item: -item[1])
    lines += [f"| {step} | {seconds:.2f} s | {seconds / total:.0%} |"
              for step, seconds in steps[:rows]]
    lines += ["", "| page (read, rendered and built) | CPU | share |", "| --- | ---: | ---: |"]
    pages = sorted(ledger["pages"].items(), key=lambda item: -item[1])
    lines += [f"| `{page}` | {seconds:.2f} s | {seconds / total:.0%} |"
              for page, seconds in pages[:rows]]
    rest = total - sum(ledger["pages"].values())
    lines.append(f"| no one page (the once-a-build events above, configuration, navigation, "
                 f"files, search index) | {rest:.2f} s "
                 f"| {rest / total:.0%} |")
    return "\n".join(lines)


def _adopt_orphans() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux), so that their CPU
    time is counted: Chromium's processes outlive the Playwright driver that started them,
    and without this their work (most of the browser suite's) is missing from the floor."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    pr_set_child_subreaper = 36  # <linux/prctl.h>
    return ctypes.CDLL(None, use_errno=True).prctl(pr_set_child_subreaper, 1, 0, 0, 0) == 0


def _reap_orphans(patience: float = 30.0) -> None:
    """Wait for the adopted descendants still running (a browser closing) and collect them,
    for up to ``patience`` seconds."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # none left
        if pid == 0:
            time.sleep(0.05)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ------------------------------------------------------------------------- figures


def measure(runs: int, *, suite: bool, progress: Callable[[str], None],
            suite_runs: int | None = None) -> list[Figure]:
    """Every figure, ``runs`` samples each (the whole suite ``suite_runs``, as it takes
    minutes)."""
    uv = shutil.which("uv") or "uv"
    figures = []
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
        work = Path(tmp)

        progress("one page")
        floor_dir = work / "page"
        floor_dir.mkdir()
        page = expanded_page(ROOT / PAGE, floor_dir)
        one = Figure(f"`uv run pytest {PAGE}`", "pytest-markdown-docs alone", Target(2.5))
        plain_pytest = [uv, "run", "pytest", "-c", str(floor_dir / "pytest.ini"),
                        "--rootdir", str(floor_dir), "--noconftest", "-p", "no:xdist",
                        "-p", "no:hypothesispytest", "-p", "no:cacheprovider", "-q",
                        "--markdown-docs", "--markdown-docs-syntax=superfences", str(page)]
        for _ in range(runs):
            one.samples.append(timed([uv, "run", "pytest", PAGE], ROOT, _environment()))
            one.floor_samples.append(timed(plain_pytest, ROOT, _environment()))
        figures.append(one)

        if suite:
            progress("the whole suite, from a fresh copy")
            whole = Figure("whole `pytest`, fresh copy", "its CPU time / cores", Target(45.0))
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
            if not _adopt_orphans():
                whole.floor = "its CPU time / cores (the browser's processes not counted)"
            for run in range(runs if suite_runs is None else suite_runs):
                course = copy_course(work / f"suite-{run}", caches=False)
                before = _children_cpu()
                # Its own temporary directory: pytest's default one is shared by every
                # session of the user, and pruned by the newest ones.
                whole.samples.append(timed(
                    [sys.executable, "-m", "pytest", "-q", "--basetemp", str(work / f"tmp-{run}")],
                    course, _environment(course)))
                _reap_orphans()
                whole.floor_samples.append((_children_cpu() - before) / cores)
                shutil.rmtree(course, ignore_errors=True)
            figures.append(whole)

        progress("builds")
        cold = Figure("`mkdocs build` from nothing", "plain Material build", Target(ratio=4.5))
        warm = Figure("`mkdocs build`, warm caches", "plain Material build", Target(ratio=1.3))
        plain = plain_material(copy_course(work / "plain", caches=False))
        for run in range(runs):
            course = copy_course(work / f"cold-{run}", caches=False)
            env = _environment(course)
            cold.samples.append(timed(build_command(work / "site"), course, env))
            floor = timed(build_command(work / "plain-site"), plain, _environment(plain))
            cold.floor_samples.append(floor)
            warm.samples.append(timed(build_command(work / "site"), course, env))
            warm.floor_samples.append(
                timed(build_command(work / "plain-site"), plain, _environment(plain)))
            if run < runs - 1:
                shutil.rmtree(course, ignore_errors=True)
        figures += [cold, warm]

        progress("mkdocs serve rebuilds")
        served = serve_rebuilds(course, runs)
        served_plain = serve_rebuilds(plain, runs)
        for kind, what, seconds in (("prose", "a lesson's prose", 1.0),
                                    ("snippet", "a snippet", 2.0)):
            figures.append(Figure(
                f"`mkdocs serve` rebuild after editing {what}", "plain Material rebuild",
                Target(seconds), served[kind], served_plain[kind]))
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="samples of each figure")
    parser.add_argument("--suite-runs", type=int,
                        help="samples of the whole suite (default: --runs)")
    parser.add_argument("--quick", action="store_true",
                        help="one run of each, without the whole suite")
    parser.add_argument("--no-suite", action="store_true", help="leave out the whole suite")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--markdown", action="store_true",
                        help="print the table for the Performance page, with its header")
    parser.add_argument("--where", action="store_true",
                        help="only show where a mkdocs serve rebuild after a prose edit "
                             "goes, by step and by page (CPU seconds)")
    parser.add_argument("--serve-probe", nargs=2, metavar=("COURSE", "RUNS"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--cold", action="store_true",
                        help="with --where: a build from nothing instead (workers included)")
    parser.add_argument("--where-probe", metavar="COURSE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_probe:
        print(json.dumps(_serve_probe(Path(args.serve_probe[0]), int(args.serve_probe[1]))))
        return 0
    if args.where_probe:
        print(json.dumps(_where_probe(Path(args.where_probe), args.cold)))
        return 0
    if args.where:
        with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
            course = copy_course(Path(tmp) / "course", caches=not args.cold)
            ledger = _probe(course, "--where-probe", str(course),
                            *(["--cold"] if args.cold else []))
        print(where_the_rebuild_goes(ledger, title="A `mkdocs build` from nothing")
              if args.cold else where_the_rebuild_goes(ledger))
        return 0
    runs = 1 if args.quick else args.runs

    def progress(message: str) -> None:
        print(f"measuring {message} ...", file=sys.stderr, flush=True)

    figures = measure(runs, suite=not (args.quick or args.no_suite), progress=progress,
                      suite_runs=args.suite_runs)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    header = (f"{platform.processor() or platform.machine()}, {cores} cores, "
              f"Python {platform.python_version()}; medians of {runs} run(s)"
              + (f" ({args.suite_runs} of the whole suite)" if args.suite_runs else "")
              + ", load average "
              f"{os.getloadavg()[0]:.1f} at the end")
    if args.markdown:
        print(f"Measured on {header}.\n")
    else:
        print(header)
    print(table(figures))
    if args.json:
        args.json.write_text(json.dumps(
            {"machine": header, "figures": [
                {**asdict(f), "median": f.median, "floor_median": f.floor_median,
                 "ratio": f.ratio, "met": f.met} for f in figures]}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
