"""MSE and cross-entropy for a sample whose true label is 1: the loss, and its slope in z."""

import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    left, right = fig.subplots(1, 2)

    p = np.linspace(0.005, 1.0, 400)
    left.plot(p, (p - 1) ** 2, label="MSE $(p - 1)^2$")
    left.plot(p, -np.log(p), label="cross-entropy $-\\log p$")
    left.set_xlabel("predicted probability p (true label 1)")
    left.set_ylabel("loss")
    left.set_ylim(0, 4)
    left.legend(loc="upper right")

    z = np.linspace(-8.0, 8.0, 401)
    s = nnref.sigmoid(z)
    right.plot(z, np.abs(2 * (s - 1) * s * (1 - s)), label="MSE")
    right.plot(z, np.abs(s - 1), label="cross-entropy")
    right.set_xlabel("logit z (true label 1)")
    right.set_ylabel("gradient size |dL/dz|")
    right.set_ylim(0, 1.05)
    right.legend(loc="upper right")
