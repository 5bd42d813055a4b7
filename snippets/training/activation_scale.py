"""Lesson 7's initialisation experiment at width 256:
ten ReLU layers, three scales.

Each scale is set by its gain per layer, std * sqrt(fan_in / 2): lesson 7's
"too small" std 0.01 and "too large" std 1.0 at width 100, rescaled to keep
the same gains at width 256."""

import numpy as np

rng = np.random.default_rng(0)
width = 256
X = rng.standard_normal((1000, width))  # 1000 samples, 256 features, std 1
he_std = np.sqrt(2 / width)  # He: sqrt(2 / fan_in)
lesson7_width, lesson7_stds = 100, {"too small": 0.01, "too large": 1.0}
gains = {label: std * np.sqrt(lesson7_width / 2)  # their gains at width 100
         for label, std in lesson7_stds.items()}
gains["He"] = 1.0  # He's std has gain 1 at any width
# The same gains at width 256:
weight_stds = {label: gain * he_std for label, gain in gains.items()}
spread = {}  # by scale: the activations' std, layer by layer

print(f"He std for fan_in {width}: {he_std:.4f}")
print(f"{'scale':9s} {'gain':>6s} {'weight std':>10s}   "
      "activation std at layer 1, 5, 10")
for label, weight_std in weight_stds.items():
    # The same random directions for every scale:
    layer_rng = np.random.default_rng(1)
    a = X
    stds = []
    for _ in range(10):
        # W has shape (out, in).
        W = layer_rng.standard_normal((width, width)) * weight_std
        a = np.maximum(0.0, a @ W.T)  # ReLU(X @ W.T), biases zero
        stds.append(a.std())
    spread[label] = stds
    print(f"{label:9s} {gains[label]:6.4f} {weight_std:10.5f}   "
          f"{stds[0]:.3f}, {stds[4]:.2e}, {stds[9]:.2e}")
