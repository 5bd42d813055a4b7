"""Backpropagation by hand through a 2 -> 2 -> 1 network.

ReLU hidden layer, sigmoid output, binary cross-entropy. The page shows this script
in parts (the --8<-- [start:...] markers); run on its own it prints every part.
"""

# Matrices keep their mathematical names (W1, W2), as on the page.
# ruff: noqa: N816

# --8<-- [start:forward]
import numpy as np

import nnref

x = np.array([[0.5, 0.8]])  # one sample, shape (1, 2)
y = np.array([[1.0]])  # its label, shape (1, 1)
W1 = np.array([[0.1, 0.2], [0.3, 0.4]])  # shape (2, 2): (out, in)
b1 = np.array([0.1, 0.2])  # shape (2,)
W2 = np.array([[0.5, 0.6]])  # shape (1, 2)
b2 = np.array([0.3])  # shape (1,)


def forward(x):
    """Every intermediate of the forward pass, in order."""
    z1 = x @ W1.T + b1  # (1, 2) hidden pre-activation
    a1 = nnref.relu(z1)  # (1, 2) hidden activation
    z2 = a1 @ W2.T + b2  # (1, 1) output logit
    p = nnref.sigmoid(z2)  # (1, 1) predicted probability
    return z1, a1, z2, p


def loss_of(x, y):
    """Binary cross-entropy of the current parameters (from the logit)."""
    z2 = forward(x)[2]
    return nnref.binary_cross_entropy_with_logits(z2, y)


z1, a1, z2, p = forward(x)
loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))  # p is not 0 or 1
print("z1 =", np.round(z1, 4), "shape", z1.shape)
print("a1 =", np.round(a1, 4), "shape", a1.shape)
print(f"z2 = {z2[0, 0]:.4f}, p = {p[0, 0]:.4f}, loss = {loss:.4f}")
# --8<-- [end:forward]

# --8<-- [start:backward]
batch = x.shape[0]
dz2 = (p - y) / batch  # (1, 1)  sigmoid + BCE: dL/dz2 = p - y (lesson 11)
dW2 = dz2.T @ a1  # (1, 2)  like W2
db2 = dz2.sum(axis=0)  # (1,)    like b2
da1 = dz2 @ W2  # (1, 2)  like a1
dz1 = da1 * (z1 > 0)  # (1, 2)  ReLU passes the gradient where z1 > 0
dW1 = dz1.T @ x  # (2, 2)  like W1
db1 = dz1.sum(axis=0)  # (2,)    like b1

for name, value in [("dz2", dz2), ("dW2", dW2), ("db2", db2), ("da1", da1),
                    ("dz1", dz1), ("dW1", dW1), ("db1", db1)]:
    print(f"{name} shape {value.shape!s:6}", np.round(value, 4).tolist())
# --8<-- [end:backward]

# --8<-- [start:check]
parameters = [W1, b1, W2, b2]
gradients = [dW1, db1, dW2, db2]
names = ["W1", "b1", "W2", "b2"]
errors = {}  # relative error per parameter
for name, param, grad in zip(names, parameters, gradients, strict=True):
    # nudge each entry of param by +-1e-6 (in place) and watch the loss
    numeric = nnref.numerical_gradient(lambda _: loss_of(x, y), param)
    size = np.linalg.norm(grad) + np.linalg.norm(numeric)
    errors[name] = np.linalg.norm(grad - numeric) / size
    print(f"d{name}: same shape as {name}: {grad.shape == param.shape}, "
          f"relative error below 1e-9: {errors[name] < 1e-9}")

worst = nnref.gradient_check(lambda: loss_of(x, y), parameters, gradients)
print("largest relative error over all parameters below 1e-9:", worst < 1e-9)
# --8<-- [end:check]

# --8<-- [start:nnref]
network = nnref.Network([
    nnref.Dense.from_arrays(W1, b1, "relu"),  # from_arrays copies the arrays
    nnref.Dense.from_arrays(W2, b2, "sigmoid"),
])
LOSS = "binary_cross_entropy_with_logits"  # reads the output layer's logit z2


def network_loss():
    network.forward(x)
    return network.loss(y, LOSS)


print(f"loss = {network_loss():.4f}")
network_gradients = network.backward(y, LOSS)  # [dW1, db1, dW2, db2]
pairs = zip(network_gradients, gradients, strict=True)
same = all(np.allclose(g, h) for g, h in pairs)
print("same gradients as by hand:", same)
params = network.parameters()
error = nnref.gradient_check(network_loss, params, network_gradients)
print("gradient_check below 1e-9:", error < 1e-9)
# --8<-- [end:nnref]

# --8<-- [start:step]
learning_rate = 0.1  # eta
loss_before, p_before = network_loss(), network.forward(x)[0, 0]
for param, grad in zip(network.parameters(), network.gradients(), strict=True):
    param -= learning_rate * grad  # in place: the network's own arrays change
loss_after, p_after = network_loss(), network.forward(x)[0, 0]

print(f"p:    {p_before:.4f} -> {p_after:.4f}")
decrease = loss_before - loss_after
print(f"loss: {loss_before:.4f} -> {loss_after:.4f} (down by {decrease:.4f})")
squared_norm = sum(float(np.sum(g**2)) for g in network_gradients)
estimate = learning_rate * squared_norm
print(f"first-order estimate eta * |gradient|^2 = {estimate:.4f}")
# --8<-- [end:step]
