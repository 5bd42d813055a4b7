"""The benchmark's baselines must compute what nnref computes, or the ratios mean nothing;
and the ratios it reports must be computed from the times it measured (checked with a
fake clock and fake timings, so every expected number here is known in advance)."""

from __future__ import annotations

import numpy as np
import pytest

from nnref import Adam, Network, bench
from nnref.bench import (
    SIZES,
    FastestForward,
    HandAdam,
    forward_flops,
    hand_forward,
    hand_train_step,
    targets,
)

LOSS = "categorical_cross_entropy_with_logits"


def test_hand_written_forward_matches_nnref() -> None:
    network = Network.from_sizes(SIZES, "relu", "softmax", rng=0)
    X = np.random.default_rng(1).standard_normal((5, SIZES[0]))
    np.testing.assert_allclose(
        hand_forward(X, network.parameters()), network.forward(X), rtol=1e-12
    )


def test_hand_written_training_step_matches_nnref() -> None:
    rng = np.random.default_rng(2)
    X = rng.standard_normal((8, SIZES[0]))
    Y = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], 8)]
    network = Network.from_sizes(SIZES, "relu", "softmax", rng=0)
    hand_params = [p.copy() for p in network.parameters()]
    hand_optimiser, optimiser = HandAdam(hand_params), Adam(1e-3)
    for _ in range(3):
        hand_loss = hand_train_step(X, Y, hand_params, hand_optimiser)
        loss, grads = network.loss_and_gradients(X, Y, LOSS)
        optimiser.step(network.parameters(), grads)
        assert abs(hand_loss - loss) < 1e-10
    for mine, theirs in zip(hand_params, network.parameters(), strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=1e-9, atol=1e-12)


def test_forward_flops_counts_two_per_multiply_add() -> None:
    assert forward_flops(1) == 2 * (784 * 256 + 256 * 128 + 128 * 10)


def test_targets_report_met_and_missed() -> None:
    row = {"dtype": "float32", "batch": 16384, "ratio": 1.05, "fraction_of_peak": 0.65}
    results = {"forward": [row, {**row, "batch": 1, "ratio": 1.6}], "train_step": {"ratio": 1.1}}
    verdicts = {name: ok for name, ok, _ in targets(results)}
    assert verdicts == {
        "forward at batch >= 1024: nnref / NumPy <= 1.10": True,
        "forward at batch 1: nnref / NumPy <= 1.5": False,
        "training step: nnref / NumPy <= 1.2": True,
        "float32 forward at batch 16384: >= 70% of matmul peak": False,
    }


def test_fastest_forward_matches_nnref_and_reuses_its_buffers() -> None:
    network = Network.from_sizes(SIZES, "relu", "softmax", rng=0)
    fastest = FastestForward(network.parameters())
    X = np.random.default_rng(3).standard_normal((6, SIZES[0]))
    first = fastest(X)
    np.testing.assert_allclose(first, network.forward(X), rtol=1e-12)
    assert fastest(X) is first  # the same buffer, filled again


class FakeClock:
    """A perf_counter that advances only when a contender runs, by that contender's cost."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def contender(self, seconds: float):
        def run() -> None:
            self.now += seconds

        return run


def test_side_by_side_timing_reports_seconds_per_call(monkeypatch) -> None:
    clock = FakeClock()
    monkeypatch.setattr(bench.time, "perf_counter", clock)
    times = bench.time_side_by_side(
        {"slow": clock.contender(3e-3), "fast": clock.contender(1e-3)},
        repeats=3,
        sample_seconds=0.01,
    )
    assert times == pytest.approx({"slow": 3e-3, "fast": 1e-3}, rel=1e-9)


def fake_times(monkeypatch, seconds: dict[str, float]) -> None:
    def timed(contenders, repeats, sample_seconds):
        for run in contenders.values():
            run()  # each contender must run
        return {name: seconds[name] for name in contenders}

    monkeypatch.setattr(bench, "time_side_by_side", timed)
    monkeypatch.setattr(bench, "_torch_forward", lambda params: None)


def test_forward_row_is_computed_from_the_measured_times(monkeypatch) -> None:
    fake_times(monkeypatch, {"nnref": 4e-3, "numpy": 2.5e-3})
    row = bench.bench_forward(np.float64, 8, peak=100.0, repeats=1, sample_seconds=0.0)
    flops = 2.0 * 8 * (784 * 256 + 256 * 128 + 128 * 10)
    assert row.ratio == pytest.approx(1.6)
    assert (row.nnref_ms, row.numpy_ms) == pytest.approx((4.0, 2.5))
    assert row.nnref_gflops == pytest.approx(flops / 4e-3 / 1e9)
    assert row.numpy_gflops == pytest.approx(flops / 2.5e-3 / 1e9)
    assert row.fraction_of_peak == pytest.approx(flops / 4e-3 / 1e9 / 100.0)
    assert row.torch_ms is None and row.torch_ratio is None


def test_breakdown_is_computed_from_the_measured_times(monkeypatch) -> None:
    seconds = {
        "784->256": 1e-3,
        "256->128": 2e-4,
        "128->10": 1e-5,
        "nnref": 1.5e-3,
        "fastest": 1.3e-3,
    }
    fake_times(monkeypatch, seconds)
    breakdown = bench.bench_forward_breakdown(
        np.float32, 4, peak=50.0, repeats=1, sample_seconds=0.0
    )
    assert [row["product"] for row in breakdown["products"]] == ["784->256", "256->128", "128->10"]
    assert [row["ms"] for row in breakdown["products"]] == pytest.approx([1.0, 0.2, 0.01])
    assert breakdown["products"][0]["fraction_of_peak"] == pytest.approx(
        2.0 * 4 * 784 * 256 / 1e-3 / 1e9 / 50.0
    )
    assert breakdown["rest_ms"] == pytest.approx(1.5 - 1.21)
    assert breakdown["fastest_fraction_of_peak"] == pytest.approx(
        2.0 * 4 * (784 * 256 + 256 * 128 + 128 * 10) / 1.3e-3 / 1e9 / 50.0
    )


def test_train_step_ratio_is_computed_from_the_measured_times(monkeypatch) -> None:
    fake_times(monkeypatch, {"nnref": 3e-3, "numpy": 2e-3})
    step = bench.bench_train_step(repeats=1, sample_seconds=0.0, batch=4)
    assert step == pytest.approx({"batch": 4, "nnref_ms": 3.0, "numpy_ms": 2.0, "ratio": 1.5})


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("batch", [1, 7])
def test_fastest_forward_matches_nnref_on_random_networks(dtype, batch) -> None:
    rng = np.random.default_rng(batch)
    network = Network.from_sizes(SIZES, "relu", "softmax", rng=rng, dtype=dtype)
    fastest = FastestForward(network.parameters())
    for _ in range(3):  # reused buffers must not leak one call's numbers into the next
        X = (rng.standard_normal((batch, SIZES[0])) * rng.uniform(0.1, 10)).astype(dtype)
        expected = network.forward(X)
        np.testing.assert_allclose(
            fastest(X), expected, rtol=1e-4 if dtype == np.float32 else 1e-12, atol=1e-7
        )
        np.testing.assert_allclose(
            hand_forward(X, network.parameters()),
            expected,
            rtol=1e-5 if dtype == np.float32 else 1e-12,
            atol=1e-7,
        )
