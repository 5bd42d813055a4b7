"""A square weight matrix stored transposed passes every shape check
and gives wrong scores."""

import numpy as np

import nnref

_, orders = nnref.delay_risk_orders()
inputs = nnref.standardise(orders, mean=5.0, scale=2.0)  # shape (3, 3)
W1 = np.array([[0.8, 0.3, 0.4],  # shape (3, 3)
               [-0.2, 0.9, 0.5],
               [0.4, -0.1, 0.7]])
b1 = np.array([0.0, -0.2, 0.1])


def scores(hidden_weights):
    network = nnref.Network([
        nnref.Dense.from_arrays(hidden_weights, b1, "relu"),
        nnref.Dense.from_arrays([0.9, 0.7, 0.6], -0.3, "sigmoid"),
    ])
    return network.forward(inputs)[:, 0]


for name, weights in [("W1  ", W1), ("W1.T", W1.T)]:
    shape = nnref.check_shapes(inputs, weights, b1)  # passes for both
    print(f"{name}: check_shapes -> {shape}, scores",
          np.array2string(scores(weights), precision=3, floatmode="fixed"))

# The check that catches it: a worked example whose answer is known
# (lesson 8's report).
expected = np.array([0.426, 0.981, 0.732])
for name, weights in [("W1  ", W1), ("W1.T", W1.T)]:
    ok = np.allclose(scores(weights), expected, atol=5e-4)
    print(f"{name} matches the known scores: {ok}")
