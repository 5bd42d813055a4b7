"""The gradient through k sigmoid layers is at most 0.25**k:
the chain rule multiplies."""

from nnref import sigmoid

# sigmoid'(z) peaks at z = 0:
largest_slope = float(sigmoid(0.0) * (1 - sigmoid(0.0)))
print(f"largest slope of the sigmoid: {largest_slope:.2f}")
for depth in range(1, 11):
    print(f"{depth:2d} layers: at most {largest_slope**depth:.2e}")
