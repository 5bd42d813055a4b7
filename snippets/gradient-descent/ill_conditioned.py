"""An ill-conditioned quadratic:
plain gradient descent with momentum and without."""

import numpy as np

from nnref import SGD, Momentum

# f(w) = 0.5 * (1 * w1**2 + 100 * w2**2): curvature 1 along w1, 100 along w2.
curvature = np.array([1.0, 100.0])


def loss(w: np.ndarray) -> float:
    return 0.5 * float(np.sum(curvature * w**2))


def gradient(w: np.ndarray) -> np.ndarray:
    return curvature * w  # shape (2,), like w


# GD is stable only for lr < 2 / 100 = 0.02 (the steep direction); take 0.018.
steps = 100
results = {}  # optimiser name: (final w, final loss)
for name, optimiser in [("gradient descent", SGD(lr=0.018)),
                        ("momentum (beta 0.9)", Momentum(lr=0.018, beta=0.9))]:
    w = np.array([-4.0, 2.0])
    for _ in range(steps):
        optimiser.step([w], [gradient(w)])
    results[name] = (w, loss(w))
    print(f"{name:20s} after {steps} steps: "
          f"w = ({w[0]:+.4f}, {w[1]:+.4f}), loss {loss(w):.2e}")
