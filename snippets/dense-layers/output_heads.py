"""Three output layers on the same hidden features: sigmoid, softmax, none."""

import numpy as np

from nnref import Dense, delivery_orders, relu

orders = delivery_orders()  # shape (4, 2)
W1 = np.array([[0.3, -0.1], [0.1, 0.6]])
hidden = relu(orders @ W1.T)  # the hidden layer's activations, (4, 2)

# Binary (is the order late?): 1 unit, sigmoid, a score in (0, 1).
binary = Dense.from_arrays([[0.4, 0.1]], [-0.5], "sigmoid")
# Three classes (on time, late, very late): 1 unit per class, softmax.
multi_class = Dense.from_arrays([[-0.5, -0.3], [0.2, 0.1], [0.6, 0.2]],
                                [1.0, 0.0, -1.0], "softmax")
# Regression (expected delay in hours): 1 unit, no activation.
regression = Dense.from_arrays([[2.0, 1.5]], [-3.0], "identity")

scores = binary.forward(hidden)
class_probabilities = multi_class.forward(hidden)
delay_hours = regression.forward(hidden)

print("sigmoid: ", scores.shape, np.round(scores[:, 0], 3))
print("softmax: ", class_probabilities.shape)
print(np.round(class_probabilities, 3))
row_sums = class_probabilities.sum(axis=1)
print("   row sums:", np.array2string(row_sums, precision=3,
                                      floatmode="fixed"))
print("identity:", delay_hours.shape,
      np.array2string(delay_hours[:, 0], precision=2, floatmode="fixed"))
