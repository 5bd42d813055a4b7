"""A wider gap between the top logit and the rest concentrates probability."""

import numpy as np

from nnref import softmax

narrow_gap, wide_gap = [2.0, 1.0, 0.5], [5.0, 1.0, 0.5]
for logits in (narrow_gap, wide_gap):
    shown = np.array2string(softmax(logits), precision=3, floatmode="fixed")
    print(f"logits {logits} -> probabilities {shown}")
