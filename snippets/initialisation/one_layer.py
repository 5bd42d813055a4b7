"""One ReLU layer: the weights' std sets the size of what comes out."""

import numpy as np

rng = np.random.default_rng(0)
fan_in, fan_out = 100, 100
inputs = rng.standard_normal((1000, fan_in))  # 1000 samples, variance 1

print("weight std | std of z | rms of relu(z)")
for weight_std in (0.01, np.sqrt(1 / fan_in), np.sqrt(2 / fan_in), 1.0):
    W = rng.standard_normal((fan_out, fan_in)) * weight_std  # (out, in)
    pre_activation = inputs @ W.T  # shape (1000, 100)
    activation = np.maximum(pre_activation, 0.0)
    rms = np.sqrt(np.mean(activation**2))  # root mean square
    print(f"    {weight_std:.4f} | {pre_activation.std():8.2f} | {rms:14.2f}")
