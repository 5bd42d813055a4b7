"""Twenty ReLU layers of width 100: vanish, explode, or stay put."""

import numpy as np


def last_activation(weight_std, seed=0, depth=20, width=100):
    """One standard-normal input through `depth` ReLU layers with weights
    drawn from N(0, weight_std**2) and zero biases; returns the last
    layer's activation, shape (1, width)."""
    rng = np.random.default_rng(seed)
    activation = rng.standard_normal((1, width))
    for _ in range(depth):
        W = rng.standard_normal((width, width)) * weight_std  # (out, in)
        activation = np.maximum(activation @ W.T, 0.0)
    return activation


width, depth = 100, 20
he = np.sqrt(2 / width)
weight_stds = (0.01, 1.0, he)
print(f"He std for fan_in {width}: {he:.4f}")
print("weight std   gain per layer   mean |a| at layer 20   active units")
final_mean_abs = []  # mean |a| at the last layer, one per weight std
for weight_std in weight_stds:
    out = last_activation(weight_std, depth=depth, width=width)
    gain = weight_std * np.sqrt(width / 2)  # growth of the rms per layer
    final_mean_abs.append(np.mean(np.abs(out)))
    print(f"{weight_std:10.4f}   {gain:14.4f}   "
          f"{final_mean_abs[-1]:20.2g}   {np.mean(out > 0):12.0%}")
