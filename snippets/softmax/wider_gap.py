"""A wider gap between the top logit and the rest concentrates probability."""

import numpy as np

from nnref import softmax

for logits in ([2.0, 1.0, 0.5], [5.0, 1.0, 0.5]):
    shown = np.array2string(softmax(logits), precision=3, floatmode="fixed")
    print(f"logits {logits} -> probabilities {shown}")
