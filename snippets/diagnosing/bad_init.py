"""Bad initialisation: activations shrink to nothing or blow up layer after layer."""

import numpy as np

import nnref

rng = np.random.default_rng(0)
samples = rng.normal(size=(200, 100))  # 200 samples, 100 features
weight_stds = {"std 0.01": 0.01, "std 1.0": 1.0, "He": np.sqrt(2 / 100)}
activation_stds = {}  # by weight std: the activations' std, layer by layer
for label, weight_std in weight_stds.items():
    layers = []
    for _ in range(10):  # ten ReLU layers of width 100
        layer = nnref.Dense(100, 100, "relu", init="zeros")
        layer.weights = rng.normal(0.0, weight_std, size=(100, 100))  # shape (out, in)
        layers.append(layer)
    deep = nnref.Network(layers)
    deep.forward(samples)
    stds = [s.std for s in nnref.activation_stats(deep)]
    activation_stds[label] = stds
    print(f"{label:<8}: activation std  layer 1 {stds[0]:.1e}, layer 5 {stds[4]:.1e}, "
          f"layer 10 {stds[9]:.1e}")
