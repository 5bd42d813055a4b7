"""``nnref.train``: its history, validation data and early stopping."""

from __future__ import annotations

import numpy as np
import pytest

import nnref as nn

LOSS = "binary_cross_entropy_with_logits"


def overfitting_problem():
    """100 noisy spiral points and a network large enough to learn their noise: the
    validation loss falls for a while and then turns up (about epoch 60 of 400)."""
    X, y = nn.spirals(100, noise=0.1, rng=0)
    X_val, y_val = nn.spirals(200, noise=0.1, rng=1)
    return X, y, X_val, y_val


def fresh_network(**kwargs) -> nn.Network:
    return nn.Network.from_sizes([2, 64, 64, 1], output_activation="sigmoid", rng=0, **kwargs)


def run(network, epochs, **kwargs) -> nn.History:
    X, y, X_val, y_val = overfitting_problem()
    kwargs.setdefault("validation", (X_val, y_val))
    return nn.train(network, X, y, LOSS, nn.Adam(0.01), epochs, batch_size=20, rng=0, **kwargs)


def validation_loss_now(network) -> float:
    *_, X_val, y_val = overfitting_problem()
    network.eval().forward(X_val)
    return network.loss(y_val, LOSS)


def test_history_is_also_the_sequence_of_training_losses():
    X, y = nn.xor()
    network = nn.Network.from_sizes([2, 4, 1], output_activation="sigmoid", rng=0)
    history = nn.train(network, X, y, LOSS, nn.SGD(0.5), 6, batch_size=2)
    assert isinstance(history, nn.History)
    assert len(history) == 6 and len(history.train_loss) == 6
    assert history[0] == history.train_loss[0] and history[-1] == history.train_loss[-1]
    assert history[1:3] == history.train_loss[1:3]
    assert list(history) == history.train_loss
    np.testing.assert_array_equal(np.asarray(history), history.train_loss)
    assert history.train_loss[-1] < history.train_loss[0]
    assert history.validation_loss == [] and history.best_epoch is None
    assert history.stopped_early is False


def test_validation_data_changes_nothing_about_training():
    """Measuring the validation loss must not move the weights, draw from any generator
    (dropout's masks here) or leave the network in the wrong mode."""

    def with_dropout():
        rng = np.random.default_rng(0)
        return nn.Network(
            [
                nn.Dense(2, 32, "relu", rng=rng),
                nn.Dropout(0.2, rng=1),
                nn.Dense(32, 1, "sigmoid", rng=rng),
            ]
        )

    plain, watched = with_dropout(), with_dropout()
    without = run(plain, 30, validation=None)
    with_validation = run(watched, 30)
    assert with_validation.train_loss == without.train_loss
    for a, b in zip(plain.parameters(), watched.parameters(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert len(with_validation.validation_loss) == 30
    assert not any(layer.training for layer in watched.layers)  # left in inference mode


def test_validation_leaves_the_caches_of_the_last_training_batch():
    """After ``train``, ``network.backward`` works on the last training mini-batch's forward
    pass, with or without validation data: the validation pass must not replace it."""
    plain, watched = fresh_network(), fresh_network()
    run(plain, 5, validation=None)
    run(watched, 5)  # 200 validation points; the last training batch has 20
    for layer in watched.layers:
        assert layer.cache.inputs.shape[0] == 20, "the validation pass's caches were kept"
    for a, b in zip(plain.caches, watched.caches, strict=True):
        for name in ("inputs", "z", "a"):
            np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    targets = np.zeros((20, 1))
    for a, b in zip(plain.backward(targets, LOSS), watched.backward(targets, LOSS),
                    strict=True):
        np.testing.assert_array_equal(a, b)


def test_validation_loss_is_the_loss_on_the_held_out_data_in_inference_mode():
    network = fresh_network()
    history = run(network, 40)
    assert history.validation_loss[-1] == validation_loss_now(network)
    assert history.best_epoch == int(np.argmin(history.validation_loss)) + 1
    assert history.stopped_early is False and len(history) == 40


def test_early_stopping_stops_after_patience_and_restores_the_best_weights():
    network = fresh_network()
    history = run(network, 400, patience=20)
    assert history.stopped_early is True
    best = history.best_epoch
    assert 20 < best < 380  # the validation loss did turn up, well inside the run
    assert len(history) == len(history.validation_loss) == best + 20
    assert min(history.validation_loss) == history.validation_loss[best - 1]
    assert min(history.validation_loss[best:]) > history.validation_loss[best - 1]
    # The same run stopped by hand after the best epoch has the very same weights.
    reference = fresh_network()
    run(reference, best, validation=None)
    for restored, expected in zip(network.parameters(), reference.parameters(), strict=True):
        np.testing.assert_array_equal(restored, expected)
    assert validation_loss_now(network) == history.validation_loss[best - 1]
    # Patience running out on the last epoch is not stopping early: every epoch ran.
    exactly = run(fresh_network(), best + 20, patience=20)
    assert exactly.stopped_early is False and len(exactly) == best + 20


def test_the_best_weights_are_restored_when_patience_never_runs_out():
    network = fresh_network()
    history = run(network, 120, patience=120)
    assert history.stopped_early is False and len(history) == 120
    assert history.best_epoch < 120
    assert validation_loss_now(network) == history.validation_loss[history.best_epoch - 1]
    assert validation_loss_now(network) < history.validation_loss[-1]


def test_patience_one_stops_at_the_first_epoch_that_does_not_improve():
    network = fresh_network()
    history = run(network, 400, patience=1)
    losses = history.validation_loss
    first_worse = next(i for i in range(1, len(losses)) if losses[i] >= min(losses[:i]))
    assert len(history) == first_worse + 1 and history.best_epoch == first_worse


def test_float32_networks_stay_float32_with_validation():
    network = fresh_network(dtype=np.float32)
    history = run(network, 5, patience=2)
    assert all(p.dtype == np.float32 for p in network.parameters())
    assert all(isinstance(v, float) and np.isfinite(v) for v in history.validation_loss)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"validation": np.zeros((4, 2))},
            TypeError,
            r"validation must be a pair \(X_val, y_val\), got ndarray",
        ),
        (
            {"validation": (np.zeros((4, 2)),)},
            TypeError,
            r"validation must be a pair \(X_val, y_val\), got tuple of length 1",
        ),
        (
            {"validation": (np.zeros((4, 3)), np.zeros(4))},
            ValueError,
            r"training data's shape per sample, as X \(100, 2\) and y \(100,\) have; "
            r"got X_val \(4, 3\) and y_val \(4,\)",
        ),
        (
            {"validation": (np.zeros((4, 2)), np.zeros((4, 1)))},
            ValueError,
            r"got X_val \(4, 2\) and y_val \(4, 1\)",
        ),
        (
            {"validation": (np.zeros((4, 2)), np.zeros(3))},
            ValueError,
            r"validation data: X must have shape \(n_samples, n_features\) and y one target "
            r"per sample; got X \(4, 2\) and y \(3,\)",
        ),
        (
            {"validation": (np.zeros((0, 2)), np.zeros(0))},
            ValueError,
            r"validation data: X has no samples \(shape \(0, 2\)\)",
        ),
        (
            {"validation": None, "patience": 5},
            ValueError,
            r"patience=5 stops on the validation loss: pass validation=\(X_val, y_val\)",
        ),
        ({"patience": 0}, ValueError, "patience must be positive, got 0"),
        ({"patience": 2.5}, TypeError, r"patience must be an integer, got 2.5 \(float\)"),
        ({"patience": True}, TypeError, r"patience must be an integer, got True \(bool\)"),
    ],
)
def test_bad_validation_or_patience_is_a_clear_error_that_changes_nothing(kwargs, error, message):
    network = fresh_network()
    before = [p.copy() for p in network.parameters()]
    with pytest.raises(error, match=message):
        run(network, 3, **kwargs)
    for old, new in zip(before, network.parameters(), strict=True):
        np.testing.assert_array_equal(old, new)


def test_validation_and_patience_are_keyword_only():
    X, y = nn.xor()
    network = nn.Network.from_sizes([2, 4, 1], output_activation="sigmoid", rng=0)
    with pytest.raises(TypeError, match="positional"):
        nn.train(network, X, y, LOSS, nn.SGD(0.5), 3, None, 0, (X, y))  # type: ignore[misc]
