"""A logit whose sigmoid rounds to exactly 1.0, and what the losses say."""

import nnref

logit, label = 40.0, 0  # very confident, and wrong
p = nnref.sigmoid(logit)
from_probability = nnref.binary_cross_entropy([p], [label])  # clips p
from_logit = nnref.binary_cross_entropy_with_logits([logit], [label])

print(f"sigmoid(40) == 1.0: {bool(p == 1.0)}")
print(f"loss from the probability (clipped): {from_probability:.4f}")
print(f"loss from the logit:                 {from_logit:.4f}")
