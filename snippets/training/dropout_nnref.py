"""nnref.Dropout: active in training mode, the identity in inference mode."""

import numpy as np

from nnref import Dropout

dropout = Dropout(0.3, rng=0)
inputs = np.ones((2, 6))  # 2 samples, 6 units
print("training:")
print(np.array2string(dropout.forward(inputs), precision=3, floatmode="fixed"))
dropout.eval()  # inference: no mask, no scaling
print("inference:")
print(np.array2string(dropout.forward(inputs), precision=3, floatmode="fixed"))
