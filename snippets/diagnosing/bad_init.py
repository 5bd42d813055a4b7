"""Bad initialisation, read with activation_stats:
lesson 7's experiment, layer by layer."""

import numpy as np

import nnref

width, depth = 100, 20  # lesson 7's 20 ReLU layers of width 100
# 500 samples, 100 features:
samples = np.random.default_rng(1).normal(size=(500, width))
weight_stds = {"std 0.01": 0.01, "std 1.0": 1.0, "He": np.sqrt(2 / width)}
shown = (1, 10, 20)  # the layers printed
activation_stds = {}  # by weight std: the activations' std, layer by layer
for label, weight_std in weight_stds.items():
    # The same draws for every scale, as in lesson 7:
    rng = np.random.default_rng(0)
    deep = nnref.Network([
        # Weights of shape (out, in):
        nnref.Dense.from_arrays(rng.normal(size=(width, width)) * weight_std,
                                np.zeros(width), "relu")
        for _ in range(depth)
    ])
    deep.forward(samples)
    stds = [s.std for s in nnref.activation_stats(deep)]
    activation_stds[label] = stds
    print(f"{label:<8}: activation std  "
          + ", ".join(f"layer {n} {stds[n - 1]:.1e}" for n in shown))
