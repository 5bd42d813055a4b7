"""The He network's output for one input depends on the draw: 100 seeds."""

import numpy as np

width, depth = 100, 20
he = np.sqrt(2 / width)
mean_abs, active = [], []
for seed in range(100):
    rng = np.random.default_rng(seed)
    activation = rng.standard_normal((1, width))
    for _ in range(depth):
        W = rng.standard_normal((width, width)) * he
        activation = np.maximum(activation @ W.T, 0.0)
    mean_abs.append(np.mean(np.abs(activation)))
    active.append(np.mean(activation > 0))

low, middle, high = np.percentile(mean_abs, [10, 50, 90])
print(f"mean |a| at layer 20: median {middle:.2f}, "
      f"10% to 90% of seeds {low:.2f} to {high:.2f}")
print(f"smallest {min(mean_abs):.2f}, largest {max(mean_abs):.2f}")
print(f"active units: median {np.median(active):.0%}")
