"""Interactive figures (assets/javascripts/widgets.js): every number they show is nnref's.

Each widget is driven as a reader would drive it (its controls set, or moved with the
keyboard), and what it shows is compared with nnref's result for the same settings, to the
precision shown, at many random settings."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

import nnref
from coursekit.pages import WidgetFence, read_page
from coursekit.project import DOCS
from tests.browser.conftest import Watch
from tests.browser.test_site_in_browser import goto, page_url
from tests.doclayer.compare import compare

LESSON = DOCS / "part1" / "one-neuron.md"
PLAYGROUND = ".nn-widget[data-widget='neuron-playground']"
SETTINGS = 60  # random settings per widget


def _exact(value: float) -> str:
    """A value written out without an exponent, for the comparator (a written number and a
    printed one compare at the written precision; an exponent on one side only differs)."""
    return f"{float(value):.20f}"


def _shown(tab: Any) -> tuple[str, str]:
    """The z and the activation the playground shows, as written."""
    z = tab.locator(f"{PLAYGROUND} .nn-widget__z").inner_text()
    a = tab.locator(f"{PLAYGROUND} .nn-widget__a").inner_text()
    return z.split("= ")[1], a.split("= ")[1]


def _expected(x: list[float], w: list[float], b: float, activation: str) -> tuple[float, float]:
    z = nnref.pre_activation(np.array(x), np.array(w), b)
    return float(z), float(nnref.ACTIVATIONS[activation](z))


def _set(tab: Any, values: list[str], activation: str) -> None:
    tab.eval_on_selector(PLAYGROUND, """(root, [values, activation]) => {
        root.querySelectorAll("input[type=range]").forEach((input, i) => {
            input.value = values[i];
            input.dispatchEvent(new Event("input", {bubbles: true}));
        });
        const choice = root.querySelector("select");
        choice.value = activation;
        choice.dispatchEvent(new Event("change", {bubbles: true}));
    }""", [values, activation])


def test_the_playground_is_on_lesson_1_and_starts_at_the_risky_order() -> None:
    [widget] = read_page(LESSON).of_kind(WidgetFence)
    name, settings = widget.parse()
    assert name == "neuron-playground"
    assert settings == {"inputs": [6.0, 8.0], "weights": [0.7, 0.3], "bias": -4.0,
                        "activation": "sigmoid"}


def test_the_playground_shows_nnrefs_numbers(
    watched: tuple[Any, Watch], site_url: str
) -> None:
    context, watch = watched
    tab = context.new_page()
    goto(tab, site_url + page_url(LESSON))
    z, a = _shown(tab)
    assert (z, a) == ("2.600", f"{nnref.neuron([6, 8], [0.7, 0.3], -4.0):.3f}") == (
        "2.600", "0.931")
    rng = np.random.default_rng(20261201)
    failures = []
    for _ in range(SETTINGS):
        x = [round(v, 1) for v in rng.integers(0, 101, 2) / 10]
        w = [round(v, 2) for v in rng.integers(-40, 41, 2) / 20]
        b = round(float(rng.integers(-100, 101)) / 10, 1)
        activation = str(rng.choice(["sigmoid", "relu", "tanh", "step"]))
        _set(tab, [*map(str, x), *map(str, w), str(b)], activation)
        shown = _shown(tab)
        expected = _expected(x, w, b, activation)
        for written, value in zip(shown, expected, strict=True):
            if not compare(written, _exact(value)).matches:
                failures.append(f"x={x} w={w} b={b} {activation}: shows {written}, nnref {value}")
    assert not failures, "\n".join(failures)
    assert not watch.problems(), "\n".join(watch.problems())


def test_the_playground_works_with_the_keyboard_and_names_its_controls(
    watched: tuple[Any, Watch], site_url: str
) -> None:
    context, _ = watched
    tab = context.new_page()
    goto(tab, site_url + page_url(LESSON))
    controls = tab.locator(f"{PLAYGROUND} input, {PLAYGROUND} select")
    assert controls.count() == 6
    for index in range(controls.count()):
        control = controls.nth(index)
        label = tab.locator(f"label[for='{control.get_attribute('id')}']")
        assert label.count() == 1 and label.inner_text().strip(), "every control is labelled"
    bias = tab.locator(f"{PLAYGROUND} input[id$='-b']")
    bias.focus()
    tab.keyboard.press("ArrowRight")
    assert bias.input_value() == "-3.9"
    z, a = _shown(tab)
    expected = _expected([6.0, 8.0], [0.7, 0.3], -3.9, "sigmoid")
    assert compare(z, _exact(expected[0])).matches and compare(a, _exact(expected[1])).matches


def test_the_playground_is_there_after_navigating_away_and_back(
    watched: tuple[Any, Watch], site_url: str
) -> None:
    context, _ = watched
    tab = context.new_page()
    goto(tab, site_url + page_url(LESSON))
    tab.wait_for_load_state("networkidle")
    tab.locator("a.md-footer__link--next").click()
    tab.wait_for_url(re.compile(r"/part1/numpy/"))
    tab.go_back()
    tab.wait_for_url(re.compile(r"/part1/one-neuron/"))
    tab.locator(f"{PLAYGROUND}[data-mounted] .nn-widget__z").wait_for()
    assert _shown(tab) == ("2.600", "0.931")


SOFTMAX_LESSON = DOCS / "part1" / "softmax.md"
SOFTMAX = ".nn-widget[data-widget='softmax-temperature']"


def test_the_softmax_widget_shows_nnrefs_probabilities(
    watched: tuple[Any, Watch], site_url: str
) -> None:
    context, watch = watched
    tab = context.new_page()
    goto(tab, site_url + page_url(SOFTMAX_LESSON))
    [widget] = read_page(SOFTMAX_LESSON).of_kind(WidgetFence)
    name, settings = widget.parse()
    assert name == "softmax-temperature"
    rng = np.random.default_rng(61)
    failures = []
    for trial in range(SETTINGS + 1):
        logits = settings["logits"] if trial == 0 else [
            round(float(v), 1) for v in rng.integers(-50, 51, 5) / 10]
        temperature = settings["temperature"] if trial == 0 else round(
            float(rng.integers(1, 51)) / 10, 1)
        tab.eval_on_selector(SOFTMAX, """(root, values) => {
            root.querySelectorAll("input[type=range]").forEach((input, i) => {
                input.value = values[i];
                input.dispatchEvent(new Event("input", {bubbles: true}));
            });
        }""", [*map(str, logits), str(temperature)])
        shown = [text.split("= ")[1] for text in
                 tab.locator(f"{SOFTMAX} .nn-widget__p").all_inner_texts()]
        expected = nnref.softmax(np.array(logits) / temperature)
        for written, value in zip(shown, expected, strict=True):
            if not compare(written, _exact(value)).matches:
                failures.append(f"logits={logits} T={temperature}: shows {written}, "
                                f"nnref {value}")
    assert not failures, "\n".join(failures)
    labels = tab.locator(f"{SOFTMAX} label").all_inner_texts()
    assert labels == [f"logit of class {k}" for k in range(5)] + ["temperature T"]
    assert not watch.problems(), "\n".join(watch.problems())


NUMPY_LESSON = DOCS / "part1" / "numpy.md"
MATRIX = ".nn-widget[data-widget='matrix-product']"


def _dense_pre_activation(X: list, W: list, b: list) -> np.ndarray:
    layer = nnref.Dense.from_arrays(np.array(W), np.array(b), "identity")
    return layer.forward(np.array(X))


def test_the_matrix_product_explorer_shows_nnrefs_cells_and_their_terms(
    watched: tuple[Any, Watch], site_url: str
) -> None:
    context, watch = watched
    tab = context.new_page()
    goto(tab, site_url + page_url(NUMPY_LESSON))
    [widget] = read_page(NUMPY_LESSON).of_kind(WidgetFence)
    name, settings = widget.parse()
    assert name == "matrix-product"
    rng = np.random.default_rng(2)
    failures, trials = [], 0
    for trial in range(SETTINGS // 4 + 1):
        if trial == 0:
            X, W, b = settings["X"], settings["W"], settings["b"]
        else:
            batch, n_in, n_out = (int(v) for v in rng.integers(1, 5, 3))
            X = (rng.integers(-20, 21, (batch, n_in)) / 10).tolist()
            W = (rng.integers(-20, 21, (n_out, n_in)) / 10).tolist()
            b = (rng.integers(-10, 11, n_out) / 10).tolist()
            tab.eval_on_selector(MATRIX, """(root, settings) => {
                root.setAttribute("data-settings", JSON.stringify(settings));
                root.removeAttribute("data-mounted");
                window.nnWidgetsMount();
            }""", {"X": X, "W": W, "b": b})
        expected = _dense_pre_activation(X, W, b)
        cells = tab.locator(f"{MATRIX} .nn-widget__cell")
        assert cells.count() == expected.size
        for index in range(cells.count()):
            trials += 1
            cell = cells.nth(index)
            i, j = int(cell.get_attribute("data-row")), int(cell.get_attribute("data-unit"))
            cell.click()
            assert cell.get_attribute("aria-pressed") == "true"
            text = tab.locator(f"{MATRIX} .nn-widget__result").inner_text()
            terms = [float(x) * float(w) for x, w in zip(X[i], W[j], strict=True)]
            shown_sum = text.rsplit("= ", 1)[1]
            shown_terms = text.split("= ")[2].split(" + ")
            checks = [(cell.inner_text(), expected[i, j]), (shown_sum, expected[i, j])]
            checks += list(zip(shown_terms[:-1], terms, strict=True))
            for written, value in checks:
                if not compare(written, _exact(value)).matches:
                    failures.append(f"X={X} W={W} b={b} cell ({i}, {j}): shows {written}, "
                                    f"nnref {value}")
    assert trials >= SETTINGS, trials
    assert not failures, "\n".join(failures)
    assert not watch.problems(), "\n".join(watch.problems())


DESCENT_LESSON = DOCS / "part2" / "gradient-descent.md"
BOWL = ".nn-widget[data-widget='descent-bowl']"


def _descend(settings: dict, optimiser: str, lr: float, beta: float) -> str:
    """What the widget must show: nnref's optimiser on the bowl, the same number of steps."""
    curvature = np.array(settings["curvature"])
    w = np.array(settings["start"])
    opt = {"gradient descent": lambda: nnref.SGD(lr=lr),
           "momentum": lambda: nnref.Momentum(lr=lr, beta=beta),
           "adam": lambda: nnref.Adam(lr=lr)}[optimiser]()
    with np.errstate(all="ignore"):  # a diverging run overflows, as it should
        for _ in range(int(settings["steps"])):
            opt.step([w], [curvature * w])
        loss = 0.5 * float(np.sum(curvature * w * w))
    if not np.isfinite(loss) or loss > 1e6:
        return "diverged"
    return f"w = ({_exact(w[0])}, {_exact(w[1])}), loss = {_exact(loss)}"


def test_the_descent_widget_runs_nnrefs_optimisers(
    watched: tuple[Any, Watch], site_url: str
) -> None:
    from coursekit.widgets import LEARNING_RATES

    context, watch = watched
    tab = context.new_page()
    goto(tab, site_url + page_url(DESCENT_LESSON))
    [widget] = read_page(DESCENT_LESSON).of_kind(WidgetFence)
    _, settings = widget.parse()
    rng = np.random.default_rng(13)
    failures, outcomes = [], set()
    for trial in range(SETTINGS + 1):
        if trial == 0:
            optimiser, rate, beta = settings["optimiser"], "0.0178", "0.9"
        else:
            optimiser = str(rng.choice(["gradient descent", "momentum", "adam"]))
            rate = LEARNING_RATES[int(rng.integers(len(LEARNING_RATES)))]
            beta = str(round(float(rng.integers(0, 100)) / 100, 2))
        tab.eval_on_selector(BOWL, """(root, [optimiser, index, beta]) => {
            const choice = root.querySelector("select");
            choice.value = optimiser;
            choice.dispatchEvent(new Event("change", {bubbles: true}));
            const [lr, momentum] = root.querySelectorAll("input[type=range]");
            lr.value = String(index);
            lr.dispatchEvent(new Event("input", {bubbles: true}));
            momentum.value = beta;
            momentum.dispatchEvent(new Event("input", {bubbles: true}));
        }""", [optimiser, LEARNING_RATES.index(rate), beta])
        shown = tab.locator(f"{BOWL} .nn-widget__result").inner_text().split(": ", 1)[1]
        expected = _descend(settings, optimiser, float(rate), float(beta))
        outcomes.add(expected == "diverged")
        if not compare(shown, expected).matches:
            failures.append(f"{optimiser} lr {rate} beta {beta}: shows {shown!r}, nnref "
                            f"{expected!r}")
    assert outcomes == {True, False}, "the settings should include runs that diverge"
    assert not failures, "\n".join(failures)
    assert not watch.problems(), "\n".join(watch.problems())


TRAINING_LESSON = DOCS / "part2" / "training.md"
FRAMES = ".nn-widget[data-widget='training-frames']"


def test_the_training_scrubber_shows_nnrefs_training_run(
    watched: tuple[Any, Watch], site_url: str
) -> None:
    """Every frame (loss, accuracy, the class of every grid point) is what a fresh nnref
    training run gives, and the scrubber shows it."""
    import json

    from coursekit.widgets import training_frames

    context, watch = watched
    tab = context.new_page()
    goto(tab, site_url + page_url(TRAINING_LESSON))
    [widget] = read_page(TRAINING_LESSON).of_kind(WidgetFence)
    _, settings = widget.parse()
    fresh = training_frames(settings)
    shipped = json.loads(tab.locator(FRAMES).get_attribute("data-settings"))
    assert [f["classes"] for f in shipped["frames"]] == [f["classes"] for f in fresh["frames"]]
    failures = []
    for index, frame in enumerate(fresh["frames"]):
        tab.eval_on_selector(FRAMES, """(root, index) => {
            const input = root.querySelector("input[type=range]");
            input.value = String(index);
            input.dispatchEvent(new Event("input", {bubbles: true}));
        }""", index)
        text = tab.locator(f"{FRAMES} .nn-widget__result").inner_text()
        expected = (f"epoch {frame['epoch']}: training loss {_exact(frame['loss'])}, "
                    f"accuracy {_exact(100 * frame['accuracy'])}%")
        if not compare(text, expected).matches:
            failures.append(f"frame {index}: shows {text!r}, nnref {expected!r}")
    assert not failures, "\n".join(failures)
    assert not watch.problems(), "\n".join(watch.problems())
