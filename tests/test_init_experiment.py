"""Lessons 7, 9 and 14 show one initialisation experiment, not three (#16 gap 7).

Lesson 7 is its home: 20 ReLU layers of width 100 at weight std 0.01, 1.0 and He's. Lesson
9 reads that experiment unchanged (the network and the batch of lesson 7's figure) with
``activation_stats``; lesson 14 repeats it at its own width, 256, keeping lesson 7's gains
per layer, ``std * sqrt(fan_in / 2)``, so "too small" and "too large" mean the same on
every page whatever the width."""

from __future__ import annotations

import contextlib
import io
import math
import runpy
from pathlib import Path
from typing import Any

import pytest

import nnref
from coursekit.project import FIGURES, SNIPPETS


def run(path: Path) -> dict[str, Any]:
    """The globals a lesson's script leaves, its printing swallowed."""
    with contextlib.redirect_stdout(io.StringIO()):
        return runpy.run_path(str(path))


@pytest.fixture(scope="module")
def home() -> dict[str, Any]:
    return run(SNIPPETS / "initialisation" / "deep_relu.py")


def gains(weight_stds, width: int) -> list[float]:
    """Each weight std's gain per ReLU layer at this fan-in, smallest first."""
    return sorted(round(float(std) * math.sqrt(width / 2), 6) for std in weight_stds)


def test_lesson9_reads_lesson7s_experiment_unchanged(home):
    figure = run(FIGURES / "initialisation" / "depth-stats.py")
    diagnosis = run(SNIPPETS / "diagnosing" / "bad_init.py")
    assert sorted(diagnosis["weight_stds"].values()) == pytest.approx(
        sorted(home["weight_stds"])), "lesson 9's weight stds are not lesson 7's"
    inputs = figure["batch"]()
    for label, weight_std in diagnosis["weight_stds"].items():
        network = figure["relu_stack"](weight_std)
        network.forward(inputs)
        expected = [stats.std for stats in nnref.activation_stats(network)]
        measured = diagnosis["activation_stds"][label]
        assert len(measured) == len(expected), (
            f"lesson 9 measures {len(measured)} layers at {label}, lesson 7 has {len(expected)}")
        assert measured == pytest.approx(expected, rel=1e-9), (
            f"lesson 9's activation stds at {label} are not those of lesson 7's figure")


def test_lesson14_repeats_it_with_lesson7s_gains(home):
    practice = run(SNIPPETS / "training" / "activation_scale.py")
    expected = gains(home["weight_stds"], home["width"])
    given = gains(practice["weight_stds"].values(), practice["width"])
    assert given == pytest.approx(expected), (
        f"lesson 14's gains per layer at width {practice['width']} are {given}, "
        f"lesson 7's are {expected}")
