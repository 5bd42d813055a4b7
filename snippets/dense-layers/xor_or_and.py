"""The OR/AND construction of XOR, with step and with ReLU hidden units."""

import numpy as np

from nnref import Dense, Network, xor

inputs, labels = xor()
or_and_weights = [[1, 1], [1, 1]]  # both hidden units add the two inputs
or_and_bias = [-0.5, -1.5]  # OR fires when the sum > 0.5, AND when > 1.5

networks = {}  # by hidden activation
for hidden_activation in ("step", "relu"):
    network = Network([
        Dense.from_arrays(or_and_weights, or_and_bias, hidden_activation),
        Dense.from_arrays([[1, -2]], [-0.5], "sigmoid"),  # OR and not AND
    ])
    networks[hidden_activation] = network
    scores = network.forward(inputs)[:, 0]
    hidden = network.caches[0].a
    predicted = network.classify(inputs)  # class 1 when score > 0.5
    print(f"hidden activation {hidden_activation}:")
    rows = zip(inputs, hidden, scores, predicted, labels, strict=True)
    for x, h, score, guess, label in rows:
        verdict = "right" if guess == label else "wrong"
        print(f"  {x.astype(int)} -> h = ({h[0]:.1f}, {h[1]:.1f}) "
              f"-> score {score:.4f}  label {label}  {verdict}")
    print(f"  {int(np.sum(predicted == labels))} of 4 right")
