"""Ten ReLU layers of width 256: the spread of the activations for three weight scales."""

import numpy as np

rng = np.random.default_rng(0)
width = 256
X = rng.standard_normal((1000, width))  # 1000 samples, 256 features, std 1
he_std = np.sqrt(2 / width)  # He: sqrt(2 / fan_in)
weight_stds = {"too small": 0.01, "too large": 0.2, "He": he_std}

for label, weight_std in weight_stds.items():
    layer_rng = np.random.default_rng(1)  # the same random directions for every scale
    a = X
    stds = []
    for _ in range(10):
        W = layer_rng.standard_normal((width, width)) * weight_std  # shape (out, in)
        a = np.maximum(0.0, a @ W.T)  # ReLU(X @ W.T), biases zero
        stds.append(a.std())
    print(f"{label:9s} (std {weight_std:.4f}): layer 1 {stds[0]:.3f}, layer 5 {stds[4]:.2e}, "
          f"layer 10 {stds[9]:.2e}")
