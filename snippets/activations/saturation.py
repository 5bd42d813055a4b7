"""How fast the sigmoid's gradient vanishes, compared with ReLU's."""

from nnref.activations import relu_derivative, sigmoid_derivative

for z in (0.0, 5.0, -5.0):
    print(f"sigmoid'({z:+.0f})  = {float(sigmoid_derivative(z)):.6f}")

z_far = 10.0  # far out on the flat tail
at_ten = float(sigmoid_derivative(z_far))
print(f"sigmoid'(+10) = {at_ten:.2e}")

ratio = float(relu_derivative(z_far)) / at_ten  # ReLU's gradient there is 1
print(f"ReLU'(10) / sigmoid'(10) = {ratio:,.0f} "
      f"(about {round(ratio, -3):,.0f})")

# Fifty sigmoid layers, each multiplying the gradient by at most 0.25:
depth = 50
print(f"0.25 ** {depth} = {0.25 ** depth:.1e}")
