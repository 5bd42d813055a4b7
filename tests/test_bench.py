"""The benchmark's baselines must compute what nnref computes, or the ratios mean nothing."""

from __future__ import annotations

import numpy as np

from nnref import Adam, Network
from nnref.bench import (
    SIZES,
    FastestForward,
    HandAdam,
    bench_forward_breakdown,
    forward_flops,
    hand_forward,
    hand_train_step,
    targets,
)

LOSS = "categorical_cross_entropy_with_logits"


def test_hand_written_forward_matches_nnref() -> None:
    network = Network.from_sizes(SIZES, "relu", "softmax", rng=0)
    X = np.random.default_rng(1).standard_normal((5, SIZES[0]))
    np.testing.assert_allclose(hand_forward(X, network.parameters()), network.forward(X),
                               rtol=1e-12)


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
    results = {"forward": [row, {**row, "batch": 1, "ratio": 1.6}],
               "train_step": {"ratio": 1.1}}
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


def test_breakdown_accounts_for_the_whole_forward_time() -> None:
    breakdown = bench_forward_breakdown(np.float64, 64, peak=1.0, repeats=1,
                                        sample_seconds=0.001)
    assert [row["product"] for row in breakdown["products"]] == ["784->256", "256->128",
                                                                 "128->10"]
    products_ms = sum(row["ms"] for row in breakdown["products"])
    assert abs(products_ms + breakdown["rest_ms"] - breakdown["nnref_ms"]) < 1e-9
