"""Every number the lessons publish that nnref computes, checked against nnref directly.

Each ``test_lesson<N>_...`` writes its expected values exactly as lesson N's page publishes
them (the course map the lessons were written from states the same numbers), and compares
them by formatting nnref's result to the published number of decimals (``fmt``), so
changing a published digit, or breaking nnref, fails a test. The last test ties the two
together: every expected value here must appear, as written, on its lesson's page.
"""

import ast
import math
import re
from pathlib import Path

import numpy as np
import pytest

import nnref as nn
from coursekit.project import DOCS, lesson_pages
from nnref.activations import sigmoid_derivative


def fmt(values, decimals):
    """Format a number or array the way the curriculum writes it."""
    array = np.atleast_1d(np.asarray(values, dtype=np.float64))
    out = [f"{v:.{decimals}f}" for v in array.ravel()]
    return out[0] if np.ndim(values) == 0 else out


def sci(value, digits):
    return f"{value:.{digits}e}"


# ---------------------------------------------------------------- lesson 1: one neuron
def test_lesson1_delivery_neuron():
    weights, bias = [0.7, 0.3], -4.0
    assert fmt(np.multiply([6, 8], weights), 1) == ["4.2", "2.4"]
    assert fmt(nn.pre_activation([6, 8], weights, bias), 3) == "2.600"
    assert fmt(nn.neuron([6, 8], weights, bias), 3) == "0.931"
    assert fmt(nn.pre_activation([2, 3], weights, bias), 2) == "-1.70"
    assert fmt(nn.neuron([2, 3], weights, bias), 3) == "0.154"
    # bias -6.0: quiet order 0.024, risky order 0.646
    assert fmt(nn.neuron([[2, 3], [6, 8]], weights, -6.0), 3) == ["0.024", "0.646"]


def test_lesson1_loan_officer_step():
    x = [45000, 680, 3, 12000]
    w = [0.00001, 0.01, 0.1, -0.00005]
    assert fmt(np.multiply(x, w), 2) == ["0.45", "6.80", "0.30", "-0.60"]
    assert fmt(nn.pre_activation(x, w, 0.0), 2) == "6.95"
    z = nn.pre_activation(x, w, -3.0)
    assert fmt(z, 2) == "3.95"
    assert nn.neuron(x, w, -3.0, activation=nn.step) == 1.0  # approve


def test_lesson1_dot_product():
    w, x = [0.8, -0.5, 0.2], [1.0, 0.5, -0.3]
    dot = nn.pre_activation(x, w, 0.0)
    assert fmt(dot, 2) == "0.49"
    assert float(dot) == 0.49000000000000005  # the float64 sum the lesson shows
    z = nn.pre_activation(x, w, 0.1)
    assert fmt(z, 2) == "0.59"
    assert fmt(nn.relu(z), 4) == "0.5900"
    assert fmt(nn.sigmoid(z), 4) == "0.6434"  # often published wrong as 0.6436


# ---------------------------------------------------------------- lesson 2: NumPy
X_BATCH = [[1.0, 0.5, -0.3], [0.2, 1.5, 0.7], [-0.5, 0.8, 1.2], [0.9, -0.2, 0.4]]
W_BATCH = [[0.8, -0.5, 0.2], [0.3, 0.7, -0.1]]
B_BATCH = [0.1, -0.2]


def test_lesson2_min_max_heights():
    people = np.array([[170, 65, 25], [160, 55, 30], [180, 80, 22], [155, 50, 35]])
    assert people.shape == (4, 3)
    assert fmt(nn.min_max_scale(people)[:, 0], 1) == ["0.6", "0.2", "1.0", "0.0"]


def test_lesson2_batch_matrix_product_and_zeros():
    layer = nn.Dense.from_arrays(W_BATCH, B_BATCH, "relu")
    out = layer.forward(X_BATCH)
    expected_xw = [["0.49", "0.68"], ["-0.45", "1.04"], ["-0.56", "0.29"], ["0.90", "0.09"]]
    assert [fmt(row, 2) for row in layer.cache.z - layer.bias] == expected_xw
    expected = [["0.59", "0.48"], ["0.00", "0.84"], ["0.00", "0.09"], ["1.00", "0.00"]]
    assert [fmt(row, 2) for row in out] == expected
    assert int(np.sum(out == 0)) == 3  # 3 of 8, often published as 2 of 8
    assert f"{np.mean(out == 0):.1%}" == "37.5%"


# ---------------------------------------------------------------- lesson 3: activations
def test_lesson3_affine_collapse_and_relu():
    W1, b1 = [[1, -2], [0.5, 1]], [-0.5, 0.25]
    W2, b2 = [[0.4, -0.8]], [0.1]
    linear = nn.Network(
        [nn.Dense.from_arrays(W1, b1, "identity"), nn.Dense.from_arrays(W2, b2, "identity")]
    )
    merged_W = np.array(W2) @ np.array(W1)
    merged_b = np.array(W2) @ np.array(b1) + np.array(b2)
    x = np.array([2.0, 1.0])
    out = linear.forward(x)
    assert bool(np.allclose(out, merged_W @ x + merged_b)) is True
    assert fmt(out[0], 3) == "-1.900"
    with_relu = nn.Network(
        [nn.Dense.from_arrays(W1, b1, "relu"), nn.Dense.from_arrays(W2, b2, "identity")]
    )
    assert fmt(with_relu.forward(x)[0], 3) == "-1.700"
    assert fmt(with_relu.caches[0].z[0, 0], 1) == "-0.5"


def test_lesson3_five_linear_layers_equal_their_product():
    rng = np.random.default_rng(0)
    net = nn.Network.from_sizes([4, 8, 8, 8, 8, 2], "identity", "identity", rng=rng)
    product = np.eye(4)
    bias = np.zeros(4)
    for layer in net.layers:
        product = layer.weights @ product
        bias = layer.weights @ bias + layer.bias
    X = rng.standard_normal((10, 4))
    assert np.max(np.abs(net.forward(X) - (X @ product.T + bias))) < 1e-14  # about 1e-15


def test_lesson3_activation_values():
    z = [-2, -0.5, 0, 1, 2]
    assert fmt(nn.relu(z), 0) == ["0", "0", "0", "1", "2"]
    assert fmt(nn.sigmoid(z), 3) == ["0.119", "0.378", "0.500", "0.731", "0.881"]
    gelu = [v.replace("-0.000", "0.000") for v in fmt(nn.gelu(z), 3)]
    assert gelu == ["-0.046", "-0.154", "0.000", "0.841", "1.954"]


def test_lesson3_selu_constants():
    assert nn.SELU_LAMBDA == 1.0507009873554805
    assert nn.SELU_ALPHA == 1.6732632423543772


def test_lesson3_saturation():
    assert fmt(sigmoid_derivative(0.0), 2) == "0.25"
    assert fmt(sigmoid_derivative([-5.0, 5.0]), 6) == ["0.006648", "0.006648"]
    at_ten = float(sigmoid_derivative(10.0))
    assert sci(at_ten, 2) == "4.54e-05"  # often published as 0.00000005
    assert f"{round(1.0 / at_ten, -3):,.0f}" == "22,000"  # about 22,000 times, not 20 million
    assert sci(float(sigmoid_derivative(0.0)) ** 50, 1) == "7.9e-31"


def test_lesson3_relu_sparsity():
    z = np.random.default_rng(0).standard_normal(10_000)
    assert fmt(np.mean(nn.relu(z) == 0), 1) == "0.5"  # about 50% zeros
    theory = 0.5 * math.erfc(-1.5 / math.sqrt(2))  # P(z < 1.5)
    assert f"{theory:.1%}" == "93.3%"
    dead = float(np.mean(nn.relu(z - 1.5) == 0))
    # The curriculum's sample gave 93.5%; the estimate depends on the sample.
    assert abs(dead - 0.935) < 0.005
    assert float(np.mean(nn.leaky_relu(z - 1.5) == 0)) == 0.0


def test_lesson3_selu_statistics():
    # The curriculum's figures come from NumPy's legacy generator seeded with 42.
    z = np.random.RandomState(42).standard_normal(10_000)
    a = nn.selu(z)
    assert fmt(a.mean(), 4) == "-0.0015"
    assert fmt(a.std(), 3) == "1.002"


# ---------------------------------------------------------------- lesson 4: dense layers
def two_two_one():
    return nn.Network(
        [
            nn.Dense.from_arrays([[0.3, -0.1], [0.1, 0.6]], [0, 0], "relu"),
            nn.Dense.from_arrays([0.4, 0.1], -0.5, "sigmoid"),
        ]
    )


def test_lesson4_hand_checkable_network():
    net = two_two_one()
    score = net.forward([2, 5])
    assert fmt(net.caches[0].z[0], 1) == ["0.1", "3.2"]
    assert fmt(net.caches[0].a[0], 1) == ["0.1", "3.2"]  # ReLU leaves them unchanged
    assert fmt(net.caches[1].z[0, 0], 3) == "-0.140"
    assert fmt(score[0], 3) == "0.465"


def test_lesson4_batch_of_orders():
    net = two_two_one()
    X = nn.delivery_orders()
    scores = net.forward(X)
    assert X.shape == (4, 2)
    assert net.caches[0].a.shape == (4, 2)
    assert scores.ravel().shape == (4,)
    assert fmt(scores.ravel(), 3) == ["0.465", "0.608", "0.413", "0.641"]


def test_lesson4_mini_batches_match_one_pass():
    rng = np.random.default_rng(0)
    net = nn.Network.from_sizes([2, 16, 1], output_activation="sigmoid", rng=rng)
    X = rng.uniform(0, 10, size=(1000, 2))
    whole = net.forward(X)
    batched = np.concatenate([net.forward(X[i : i + 128]) for i in range(0, 1000, 128)])
    assert np.allclose(whole, batched, rtol=1e-13, atol=0)


def test_lesson4_xor_constructions():
    X, y = nn.xor()
    relu_net = nn.Network(
        [
            nn.Dense.from_arrays([[1, 1], [1, 1]], [0, -1], "relu"),
            nn.Dense.from_arrays([1, -2], 0, "identity"),
        ]
    )
    assert relu_net.forward(X).ravel().tolist() == [0.0, 1.0, 1.0, 0.0]
    hidden = relu_net.caches[0].a  # the re-representation: (0,0), (1,0), (1,0), (2,1)
    assert hidden.tolist() == [[0, 0], [1, 0], [1, 0], [2, 1]]
    # The widely copied OR/AND construction with a sigmoid output (hidden OR = x1+x2-0.5,
    # AND = x1+x2-1.5 through ReLU; output h1 - 2 h2 - 0.5), reconstructed from its outputs:
    or_and = nn.Network(
        [
            nn.Dense.from_arrays([[1, 1], [1, 1]], [-0.5, -1.5], "relu"),
            nn.Dense.from_arrays([1, -2], -0.5, "sigmoid"),
        ]
    )
    assert fmt(or_and.forward(X).ravel(), 4) == ["0.3775", "0.5000", "0.5000", "0.5000"]
    assert int(np.sum(or_and.classify(X) == y)) == 2  # only 2 of 4 right


# ---------------------------------------------------------------- lesson 5: parameters
def test_lesson5_parameter_counts():
    assert nn.count_parameters([2, 2, 1]) == 9
    assert nn.dense_parameters(2, 2) + nn.dense_parameters(2, 1) == 6 + 3
    assert nn.count_parameters(two_two_one()) == 9
    assert nn.count_parameters([4, 8, 1]) == 49
    assert nn.count_parameters([2, 4, 1]) == 17
    assert f"{nn.count_parameters([784, 256, 128, 10]):,}" == "235,146"
    parts = [
        nn.dense_parameters(784, 256),
        nn.dense_parameters(256, 128),
        nn.dense_parameters(128, 10),
    ]
    assert [f"{p:,}" for p in parts] == ["200,960", "32,896", "1,290"]
    assert "235,146" in nn.summary([784, 256, 128, 10])
    widths = [nn.count_parameters(s) for s in ([2, 32, 1], [2, 4, 4, 4, 4, 1], [2, 8, 8, 1])]
    assert widths == [129, 77, 105]  # often published as 66 / ~60 / ~89


def test_lesson5_rejects_non_positive_sizes():
    with pytest.raises(ValueError, match="dense dimensions must be positive"):
        nn.dense_parameters(0, 3)
    with pytest.raises(ValueError, match="dense dimensions must be positive"):
        nn.count_parameters([784, -256, 10])


# ---------------------------------------------------------------- lesson 6: softmax
def test_lesson6_softmax_examples():
    for logits in ([2.0, 1.0, 0.5], [5.0, 1.0, 0.5], [2.0, 1.0, 0.1, -0.5, 3.5]):
        p = nn.softmax(logits)
        assert abs(p.sum() - 1) < 1e-15 and np.argmax(p) == np.argmax(logits)
    digits = [1.2, 0.5, 0.1, 3.8, 0.2, 0.1, 0.3, 0.9, 0.4, 0.2]
    assert int(np.argmax(nn.softmax(digits))) == 3
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp([1000.0, 1001.0]) / np.exp([1000.0, 1001.0]).sum()
    assert np.all(np.isnan(naive))
    assert fmt(nn.softmax([1000.0, 1001.0]), 4) == ["0.2689", "0.7311"]


# ---------------------------------------------------------------- lesson 7: initialisation
def test_lesson7_he_std_per_layer():
    sizes = [784, 256, 128, 64, 10]
    targets = [math.sqrt(2 / n) for n in sizes[:-1]]
    assert fmt(targets, 4) == ["0.0505", "0.0884", "0.1250", "0.1768"]
    net = nn.Network.from_sizes(sizes, init="he", rng=0)
    stds = [layer.weights.std() for layer in net.layers]
    # sampled std within 5% of the target; the smallest layer has only 640 weights
    assert all(abs(s / t - 1) < 0.05 for s, t in zip(stds, targets, strict=True))


def deep_relu_mean_abs(scale, seed=0, depth=20, width=100):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((1, width))
    net = nn.Network(
        [
            nn.Dense.from_arrays(
                rng.standard_normal((width, width)) * scale, np.zeros(width), "relu"
            )
            for _ in range(depth)
        ]
    )
    out = net.forward(a)
    return float(np.mean(np.abs(out))), float(np.mean(out > 0))


def test_lesson7_deep_relu_vanishes_explodes_or_stays():
    small, _ = deep_relu_mean_abs(0.01)
    large, _ = deep_relu_mean_abs(1.0)
    he, active = deep_relu_mean_abs(math.sqrt(2 / 100))
    assert fmt(math.sqrt(2 / 100), 4) == "0.1414"
    assert 1e-25 < small < 1e-23  # about 1e-24
    assert 1e15 < large < 1e17  # about 1e16
    assert 0.01 < he < 3  # stays of order 1 (curriculum: near 0.17)
    assert 0.3 < active < 0.7  # about half the units active


# ---------------------------------------------------------------- lesson 8: scale, stability
def test_lesson8_input_scale():
    raw = np.array([8.0, 900.0])
    assert fmt(raw * 0.3, 1) == ["2.4", "270.0"]
    scaled = nn.standardise(raw, mean=[5, 500], scale=[2, 200])
    assert fmt(scaled, 1) == ["1.5", "2.0"]
    assert fmt(scaled * 0.3, 2) == ["0.45", "0.60"]


def test_lesson8_stable_sigmoid():
    out = nn.sigmoid([-1000.0, -2.0, 0.0, 2.0, 1000.0])  # warnings are errors here
    assert fmt(out, 6) == ["0.000000", "0.119203", "0.500000", "0.880797", "1.000000"]


def test_lesson8_delay_risk_report():
    ids, X = nn.delay_risk_orders()
    net = nn.Network(
        [
            nn.Dense.from_arrays(
                [[0.8, 0.3, 0.4], [-0.2, 0.9, 0.5], [0.4, -0.1, 0.7]], [0, -0.2, 0.1], "relu"
            ),
            nn.Dense.from_arrays([0.9, 0.7, 0.6], -0.3, "sigmoid"),
        ]
    )
    scores = net.forward(nn.standardise(X, mean=5, scale=2)).ravel()
    report = [
        f"{i} {s:.3f} {'review' if s >= 0.60 else 'monitor'}"
        for i, s in zip(ids, scores, strict=True)
    ]
    assert report == ["A-104 0.426 monitor", "B-208 0.981 review", "C-311 0.732 review"]


# ---------------------------------------------------------------- lesson 11: losses
def test_lesson11_losses():
    assert fmt(nn.mse([2.8, 4.2, 2.5], [3.0, 4.5, 2.0]), 4) == "0.1267"
    bce = [nn.binary_cross_entropy([p], [1]) for p in (0.95, 0.55, 0.05)]
    assert fmt(bce, 4) == ["0.0513", "0.5978", "2.9957"]
    logits = np.log([0.95 / 0.05, 0.55 / 0.45, 0.05 / 0.95])
    from_logits = [nn.binary_cross_entropy_with_logits([z], [1]) for z in logits]
    assert fmt(from_logits, 4) == ["0.0513", "0.5978", "2.9957"]


def test_lesson11_softmax_cross_entropy_gradient_is_p_minus_y():
    from nnref.losses import categorical_cross_entropy_with_logits_gradient as grad

    z = np.array([[2.0, 1.0, 0.1, -0.5, 3.5]])
    assert np.allclose(grad(z, [4]), nn.softmax(z) - np.eye(5)[[4]], rtol=0, atol=1e-15)


# ---------------------------------------------------------------- lesson 12: backprop
def test_lesson12_one_step_lowers_the_loss():
    net = nn.Network(
        [
            nn.Dense.from_arrays([[0.1, 0.2], [0.3, 0.4]], [0.1, 0.2], "relu"),
            nn.Dense.from_arrays([[0.5, 0.6]], 0.3, "sigmoid"),
        ]
    )
    x, y = np.array([[0.5, 0.8]]), np.array([1.0])
    before, grads = net.loss_and_gradients(x, y, "binary_cross_entropy_with_logits")
    error = nn.gradient_check(
        lambda: (net.forward(x), net.loss(y, "binary_cross_entropy_with_logits"))[1],
        net.parameters(),
        grads,
    )
    assert error < 1e-6
    nn.SGD(lr=0.1).step(net.parameters(), grads)
    net.forward(x)
    after = net.loss(y, "binary_cross_entropy_with_logits")
    assert after < before


# ---------------------------------------------------------------- lesson 13: descent
def descend(lr, steps=20):
    x = np.array([10.0])
    path = [x[0]]
    optimiser = nn.SGD(lr=lr)
    for _ in range(steps):
        optimiser.step([x], [2 * x])
        path.append(x[0])
    return np.array(path)


def test_lesson13_learning_rates_on_x_squared():
    slow = descend(0.01)
    assert slow[-1] > 6  # slow: 10 * 0.98**20 = 6.68
    converging = descend(0.1)
    assert abs(converging[-1]) < 0.2 and np.all(converging > 0)
    exact = descend(0.5)
    assert exact[1] == 0.0  # exact in one step
    oscillating = descend(0.9)
    signs = np.sign(oscillating[1:])
    assert np.all(signs[1:] == -signs[:-1])  # alternates sign...
    assert np.all(np.diff(np.abs(oscillating)) < 0)  # ...while it converges
    diverging = descend(5.0)
    assert abs(diverging[-1]) > 1e19


def test_lesson13_adam_bias_correction():
    x = np.array([10.0])
    adam = nn.Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8)
    adam.step([x], [2 * x])
    # with bias correction the first step has size lr whatever the gradient's scale
    assert fmt(x[0], 4) == "9.9000"


# ---------------------------------------------------------------- lesson 14: practice
def test_lesson14_vanishing_gradient_through_sigmoids():
    chain = [float(sigmoid_derivative(0.0)) ** k for k in range(1, 11)]
    assert sci(chain[-1], 2) == "9.54e-07"


def test_lesson14_dropout():
    drop = nn.Dropout(0.3, rng=0)
    X = np.ones((1000, 100))
    out = drop.forward(X)
    assert set(np.unique(out).round(6)) == {0.0, round(1 / 0.7, 6)}
    assert abs(np.mean(drop.mask == 0) - 0.3) < 0.01
    assert abs(out.mean() - 1.0) < 0.01  # expectation preserved
    drop.eval()
    assert drop.forward(X) is not None and np.array_equal(drop.forward(X), X)  # off


def test_lesson14_spirals_and_the_stalling_network():
    X, y = nn.spirals(500, noise=0.1, rng=0)
    assert X.shape == (500, 2) and y.shape == (500,) and np.bincount(y).tolist() == [250, 250]
    net = nn.Network.from_sizes([2, 64, 1], output_activation="sigmoid", rng=0)
    history = nn.train(net, X, y, "binary_cross_entropy_with_logits", nn.Adam(1e-3), 1000)
    accuracy = float(np.mean(net.classify(X) == y))
    # The curriculum's generator gave about 66% and loss 0.52; nnref's gives 70% and 0.55.
    assert 0.6 < accuracy < 0.8 and 0.45 < history[-1] < 0.65


# ------------------------------------------------ each value is the one its page publishes


def _expected_values() -> list[tuple[str, int, str]]:
    """(test name, lesson number, expected text) for every ``== "..."`` in this file."""
    found = []
    for function in ast.parse(Path(__file__).read_text(encoding="utf8")).body:
        lesson = re.match(r"test_lesson(\d+)_", getattr(function, "name", ""))
        if lesson is None:
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.Eq):
                found += [
                    (function.name, int(lesson[1]), constant.value)
                    for constant in ast.walk(node.comparators[0])
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str)
                ]
    return found


def test_every_expected_value_is_published_on_its_lesson_page():
    pages = lesson_pages()
    values = _expected_values()
    assert len(values) > 90
    unpublished = []
    for test, lesson, text in values:
        page = DOCS / pages[lesson - 1]
        published = " ".join(page.read_text(encoding="utf8").split())
        if " ".join(text.split()) not in published:
            unpublished.append(f"{test}: {text!r} is not on {page.relative_to(DOCS)}")
    assert not unpublished, "\n".join(unpublished)
