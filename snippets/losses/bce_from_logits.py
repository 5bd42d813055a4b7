"""Binary cross-entropy computed from logits, stable for any finite logit."""

import numpy as np

import nnref


def bce_from_logits(z, y):
    """Per-sample loss max(z, 0) - z y + log(1 + exp(-|z|))."""
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))


logits = np.array([-1000.0, -40.0, 0.0, np.log(0.95 / 0.05), 40.0, 1000.0])
label_one = bce_from_logits(logits, 1.0)
label_zero = bce_from_logits(logits, 0.0)

print("    logit      y = 1      y = 0")
for z, loss_one, loss_zero in zip(logits, label_one, label_zero, strict=True):
    print(f"{z:9.3f} {loss_one:10.4f} {loss_zero:10.4f}")

from_nnref = [nnref.binary_cross_entropy_with_logits([z], [1]) for z in logits]
print("nnref agrees on every row:", bool(np.allclose(label_one, from_nnref)))
