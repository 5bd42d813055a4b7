"""A fair race on an ill-conditioned quadratic: every optimiser gets the same
start, the same 100 steps and its own best learning rate from the same grid."""

import numpy as np

from nnref import SGD, Adam, Momentum

OPTIMISERS = {"gradient descent": SGD, "momentum": Momentum, "Adam": Adam}
GRID = 10.0 ** np.arange(-4.0, 0.51, 0.25)  # 19 rates from 1e-4 to 3.16
STEPS = 100


def hessian(angle: float) -> np.ndarray:
    """Curvatures 1 and 100 along axes turned by `angle`; shape (2, 2)."""
    c, s = np.cos(angle), np.sin(angle)
    rotation = np.array([[c, -s], [s, c]])
    return rotation @ np.diag([1.0, 100.0]) @ rotation.T


def final_loss(optimiser, curvature: np.ndarray, steps: int = STEPS) -> float:
    w = np.array([-4.0, 2.0])
    for _ in range(steps):
        optimiser.step([w], [curvature @ w])  # gradient of 0.5 * w @ H @ w
    value = 0.5 * float(w @ curvature @ w)
    return value if np.isfinite(value) else np.inf  # a diverged run loses


print(f"axes      optimiser          best lr  loss after {STEPS} steps")
best_loss = {}  # (axes, optimiser): its loss at its best learning rate
for label, angle in [("aligned", 0.0), ("rotated", np.pi / 4)]:
    curvature = hessian(angle)
    for name, make in OPTIMISERS.items():
        # Too-large rates blow up.
        with np.errstate(over="ignore", invalid="ignore"):
            losses = [final_loss(make(lr=lr), curvature) for lr in GRID]
        best = int(np.argmin(losses))
        best_loss[label, name] = losses[best]
        print(f"{label:9s} {name:17s} {GRID[best]:8.4f}  {losses[best]:.1e}")
