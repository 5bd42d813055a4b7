"""Three steps of gradient descent on f(x) = x**2, written out by hand."""

learning_rate = 0.1
x_start = 10.0
x = x_start
for step in range(1, 4):
    gradient = 2 * x  # f'(x) = 2x
    x = x - learning_rate * gradient
    print(f"step {step}: gradient {gradient:6.2f}, "
          f"move {-learning_rate * gradient:+.2f}, x = {x:.3f}")
