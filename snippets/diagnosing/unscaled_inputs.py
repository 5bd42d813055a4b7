"""Unscaled inputs: large pre-activations and a saturated sigmoid,
seen in the statistics."""

import numpy as np

import nnref

_, orders = nnref.delay_risk_orders()  # features on a 0-10 scale, shape (3, 3)
network = nnref.Network([
    nnref.Dense.from_arrays(
        [[0.8, 0.3, 0.4],
         [-0.2, 0.9, 0.5],
         [0.4, -0.1, 0.7]],
        [0.0, -0.2, 0.1], "relu"),
    nnref.Dense.from_arrays([0.9, 0.7, 0.6], -0.3, "sigmoid"),
])

seen = {}  # by input version: the scores and each layer's statistics
standardised = nnref.standardise(orders, 5.0, 2.0)
for name, inputs in [("raw", orders), ("standardised", standardised)]:
    scores = network.forward(inputs)[:, 0]
    seen[name] = scores, nnref.activation_stats(network)
    print(f"{name}: input column means",
          np.array2string(inputs.mean(axis=0), precision=2, floatmode="fixed"))
    print("  scores", np.array2string(scores, precision=3, floatmode="fixed"))
    for stats in seen[name][1]:
        line = (f"  layer {stats.layer}: mean {stats.mean:6.3f}, "
                f"std {stats.std:6.3f}")
        # The sigmoid layer has bounds 0 and 1:
        if stats.fraction_saturated is not None:
            line += f", saturated {stats.fraction_saturated:.0%}"
        print(line)
