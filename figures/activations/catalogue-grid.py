"""Each activation (solid) and its derivative (dashed), one small panel per function."""

import numpy as np
from matplotlib.figure import Figure

import nnref
from nnref.activations import prelu_derivative

PANELS = [
    ("sigmoid", nnref.sigmoid, nnref.DERIVATIVES["sigmoid"]),
    ("tanh", nnref.tanh, nnref.DERIVATIVES["tanh"]),
    ("ReLU", nnref.relu, nnref.DERIVATIVES["relu"]),
    ("Leaky ReLU (slope 0.1)", lambda z: nnref.leaky_relu(z, 0.1),
     lambda z: nnref.DERIVATIVES["leaky_relu"](z, 0.1)),
    ("PReLU (slope 0.25)", lambda z: nnref.prelu(z, 0.25), lambda z: prelu_derivative(z, 0.25)),
    ("ELU", nnref.elu, nnref.DERIVATIVES["elu"]),
    ("SELU", nnref.selu, nnref.DERIVATIVES["selu"]),
    ("GELU", nnref.gelu, nnref.DERIVATIVES["gelu"]),
    ("Swish / SiLU", nnref.swish, nnref.DERIVATIVES["swish"]),
    ("Mish", nnref.mish, nnref.DERIVATIVES["mish"]),
    ("Softplus", nnref.softplus, nnref.DERIVATIVES["softplus"]),
    ("step", nnref.step, nnref.DERIVATIVES["step"]),
]


def draw(fig: Figure) -> None:
    fig.set_size_inches(6.4, 8.0)  # 4 rows of 3: as wide as the other figures
    axes = fig.subplots(4, 3, sharex=True, sharey=True)
    z = np.linspace(-4.0, 4.0, 801)
    for ax, (title, function, derivative) in zip(axes.flat, PANELS, strict=True):
        ax.plot(z, function(z), label="f(z)")
        ax.plot(z, derivative(z), linestyle="--", label="f'(z)")
        ax.set_title(title, fontsize=10)
        ax.set_ylim(-2.0, 3.0)
        ax.set_xticks([-4, -2, 0, 2, 4])
    for ax in axes[-1]:
        ax.set_xlabel("z")
    axes[0, 0].legend(loc="upper left", fontsize=9)
