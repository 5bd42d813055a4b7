"""Score one order for delivery risk with a single neuron, step by step."""

import numpy as np

# One order, two features on a 0-10 scale: route disruption, warehouse backlog.
features = np.array([6.0, 8.0])
weights = np.array([0.7, 0.3])  # how much each feature counts
bias = -4.0  # the score's starting point before any evidence

contributions = features * weights  # element-wise: one term per feature
logit = contributions.sum() + bias  # the pre-activation z
score = 1.0 / (1.0 + np.exp(-logit))  # the sigmoid squashes z into (0, 1)

print(f"contributions: {contributions[0]:.1f} + {contributions[1]:.1f}")
print(f"logit z      = {logit:.3f}")
print(f"score        = {score:.3f}")
