"""A step-activation neuron approves or rejects a loan application."""

import numpy as np

from nnref import step

# income, credit score, years employed, existing debt
applicant = np.array([45_000, 680, 3, 12_000])
weights = np.array([0.00001, 0.01, 0.1, -0.00005])
bias = -3.0

contributions = applicant * weights
weighted_sum = contributions.sum()
z = weighted_sum + bias
decision = step(z)  # 1 if z > 0, else 0

print("contributions:", ", ".join(f"{c:.2f}" for c in contributions))
print(f"weighted sum = {weighted_sum:.2f}")
print(f"z            = {z:.2f}")
print("approve" if decision == 1 else "reject")
