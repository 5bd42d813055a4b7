"""Standardise three orders, score them with a 3 -> 3 -> 1 network,
flag the risky ones."""

import numpy as np

import nnref

# orders: shape (3, 3), features on a 0-10 scale
ids, orders = nnref.delay_risk_orders()
# One mean and one scale for all three features:
inputs = nnref.standardise(orders, mean=5.0, scale=2.0)

network = nnref.Network([
    nnref.Dense.from_arrays(  # W1, shape (3, 3); b1, shape (3,)
        [[0.8, 0.3, 0.4],
         [-0.2, 0.9, 0.5],
         [0.4, -0.1, 0.7]],
        [0.0, -0.2, 0.1], "relu"),
    # w2 as shape (1, 3)
    nnref.Dense.from_arrays([0.9, 0.7, 0.6], -0.3, "sigmoid"),
])
scores = network.forward(inputs)[:, 0]  # shape (3, 1) -> (3,)
REVIEW_AT = 0.60

print("standardised inputs, shape", inputs.shape)
print(np.array2string(inputs, precision=1, floatmode="fixed"))
print()
print("order  score  action")
for order_id, score in zip(ids, scores, strict=True):
    action = "review" if score >= REVIEW_AT else "monitor"
    print(f"{order_id:<6} {score:.3f}  {action}")
