"""The two SELU constants, to full float64 precision."""

from nnref import SELU_ALPHA, SELU_LAMBDA, selu

print(f"lambda = {SELU_LAMBDA!r}")
print(f"alpha  = {SELU_ALPHA!r}")
print(f"lowest value, -lambda * alpha = {-SELU_LAMBDA * SELU_ALPHA:.4f}")
print(f"selu(-20) = {float(selu(-20.0)):.4f}")
