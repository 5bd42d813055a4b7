"""How well does a rule that knows the true arms classify these spirals?"""

import numpy as np

from nnref import spirals

radius = np.linspace(0.05, 1.0, 2000)  # dense points along each noise-free arm
arms = []
for arm in (0, 1):  # the formula nnref.spirals draws its points around
    angle = 2 * np.pi * (1.5 * radius + arm / 2)
    arms.append(np.column_stack([radius * np.cos(angle),
                                 radius * np.sin(angle)]))


def nearest_arm(X: np.ndarray) -> np.ndarray:
    """Label each row of X (shape (n, 2)) with the arm whose curve passes
    closest."""
    distances = []  # for each arm, each row's distance to its curve
    for curve in arms:
        # Every row against every point of the curve: shape (n, 2000).
        to_curve = np.linalg.norm(X[:, None, :] - curve[None], axis=2)
        distances.append(to_curve.min(axis=1))
    return (distances[1] < distances[0]).astype(int)


# Accuracy and its standard error, on the training and on fresh points:
nearest = {}
for name, seed in [("training points", 0), ("fresh points", 1)]:
    X, y = spirals(500, noise=0.1, rng=seed)
    accuracy = np.mean(nearest_arm(X) == y)
    # An accuracy measured on n points is a binomial proportion:
    # standard error sqrt(p(1-p)/n).
    error = np.sqrt(accuracy * (1 - accuracy) / len(y))
    nearest[name] = accuracy, error
    print(f"nearest true arm, {name}: {accuracy:.1%} +- {error:.1%}")
