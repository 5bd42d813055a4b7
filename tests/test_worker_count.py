"""``-n auto`` by the selection (root ``conftest.py``): a few files run in one process."""

from __future__ import annotations

from pathlib import Path

from conftest import SMALL_SELECTION, workers_for


def test_a_few_named_files_run_in_this_process(tmp_path: Path) -> None:
    names = [f"page{i}.md" for i in range(SMALL_SELECTION + 1)]
    for name in names:
        (tmp_path / name).write_text("")
    assert workers_for(names[:1], tmp_path, 2) == 0
    assert workers_for([f"{names[0]}::a_test", names[1]], tmp_path, 2) == 0  # node ids too
    assert workers_for(names[:SMALL_SELECTION], tmp_path, 2) == 0
    assert workers_for(names, tmp_path, 2) == 2  # one file more: a worker per core


def test_a_directory_or_nothing_named_gets_a_worker_per_core(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "page.md").write_text("")
    assert workers_for(["docs"], tmp_path, 4) == 4
    assert workers_for(["page.md", "docs"], tmp_path, 2) == 2
    assert workers_for([], tmp_path, 2) == 2
    assert workers_for(["missing.md"], tmp_path, 2) == 2  # left to pytest to report
