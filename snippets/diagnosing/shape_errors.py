"""Shape mistakes that nnref stops before any arithmetic,
with the message it gives."""

import textwrap

import numpy as np

import nnref

X = np.ones((4, 3))  # a batch of 4 samples with 3 features
W_in_out = np.ones((3, 2))  # copied from a tutorial that stores W as (in, out)

attempts = {
    "weights in (in, out) layout":
        lambda: nnref.check_shapes(X, W_in_out),
    "one sample as a 1-D vector":
        lambda: nnref.check_shapes(np.ones(3), np.ones((2, 3))),
    "one bias too many":
        lambda: nnref.check_shapes(X, np.ones((2, 3)), np.zeros(3)),
    "layer fed the wrong width":
        lambda: nnref.Dense(3, 2, rng=0).forward(np.ones((4, 2))),
    "layers that do not chain":
        lambda: nnref.Network([nnref.Dense(3, 4, rng=0),
                               nnref.Dense(5, 1, rng=0)]),
}
for what, attempt in attempts.items():
    try:
        attempt()
    except ValueError as error:
        message = textwrap.fill(f"ValueError: {error}", width=72,
                                initial_indent="  ", subsequent_indent="    ")
        print(f"{what}:\n{message}")

print("correct shapes give the result shape:",
      nnref.check_shapes(X, np.ones((2, 3))))
