"""Adam written out in NumPy, on f(x) = x**2 from x = 10,
then checked against nnref.Adam."""

import numpy as np

from nnref import Adam

learning_rate, beta1, beta2, eps = 0.1, 0.9, 0.999, 1e-8
x_start = 10.0

x = np.array([x_start])
m = np.zeros_like(x)  # running mean of the gradient (first moment)
v = np.zeros_like(x)  # running mean of the squared gradient (second moment)
print("t  gradient        m         v     m_hat     v_hat    step        x")
for t in range(1, 6):
    g = 2 * x
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    # Bias correction: undo the pull towards the zero start.
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    step = learning_rate * m_hat / (np.sqrt(v_hat) + eps)
    x = x - step
    print(f"{t} {g[0]:9.4f} {m[0]:8.4f} {v[0]:9.4f} "
          f"{m_hat[0]:9.4f} {v_hat[0]:9.4f} {step[0]:7.4f} {x[0]:8.4f}")

# The same five steps with the course's optimiser.
x_ref = np.array([x_start])
adam = Adam(lr=learning_rate, beta1=beta1, beta2=beta2, eps=eps)
for _ in range(5):
    adam.step([x_ref], [2 * x_ref])
print(f"nnref.Adam after 5 steps: x = {x_ref[0]:.4f}, "
      f"difference from ours {abs(x_ref[0] - x[0]):.1e}")
