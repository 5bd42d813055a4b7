"""The best constant prediction under MSE and under MAE, with and without one
outlier."""

import numpy as np

typical = np.array([2.0, 3.0, 3.0, 4.0, 5.0])  # five delivery times, in days
outlier = np.array([2.0, 3.0, 3.0, 4.0, 30.0])  # the last one lost for weeks
constants = np.linspace(0.0, 35.0, 3501)  # candidate predictions c, 0.01 apart

print("targets        MSE-best c   mean   MAE-best c   median")
for name, days in (("typical", typical), ("one outlier", outlier)):
    gaps = constants[:, None] - days  # c - y for every c and target, (3501, 5)
    mse_best = constants[np.argmin(np.mean(gaps**2, axis=1))]
    mae_best = constants[np.argmin(np.mean(np.abs(gaps), axis=1))]
    mean, median = np.mean(days), np.median(days)
    print(f"{name:12} {mse_best:10.2f} {mean:8.2f} "
          f"{mae_best:10.2f} {median:8.2f}")
