"""Handwritten digits, end to end: split, standardise, train with early
stopping, test once, and compare with scikit-learn on the same split.

The page shows this script in parts (the --8<-- [start:...] markers); run on
its own it prints every part.
"""

# Each part imports what it uses first, where the reader meets it.
# ruff: noqa: E402

# --8<-- [start:data]
import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()  # ships inside scikit-learn: nothing is downloaded
# One image per row of X: its 8 x 8 pixels, row by row, in 64 columns.
X, y = digits.data, digits.target
rows, height, width = digits.images.shape
print(f"{rows} images of {height} x {width} pixels, "
      f"values {X.min():.0f} to {X.max():.0f}")
counts = np.bincount(y)
print(f"{len(counts)} classes (the digits 0 to 9), "
      f"{counts.min()} to {counts.max()} images each")
# --8<-- [end:data]

# --8<-- [start:split]
# One shuffle, fixed by its seed; then 60%, 20% and 20% of the images.
order = np.random.default_rng(0).permutation(len(X))
train_rows, validation_rows, test_rows = np.split(order, [1077, 1437])
X_train, y_train = X[train_rows], y[train_rows]
X_val, y_val = X[validation_rows], y[validation_rows]
X_test, y_test = X[test_rows], y[test_rows]
sets = [("training", y_train), ("validation", y_val), ("test", y_test)]
for name, labels in sets:
    per_digit = np.bincount(labels, minlength=10)
    print(f"{name:10}: {len(labels):4d} images, "
          f"{per_digit.min()} to {per_digit.max()} per digit")
# --8<-- [end:split]

# --8<-- [start:standardise]
from nnref import Standardiser

blank = X_train.std(axis=0) == 0  # Standardiser leaves these as they are
print(f"pixels that are 0 in every training image: {np.sum(blank)}")
scaler = Standardiser().fit(X_train)  # statistics of the training set only
X_train, X_val, X_test = (scaler.transform(A) for A in (X_train, X_val, X_test))
print(f"largest |value| after scaling: training {np.abs(X_train).max():.1f}, "
      f"test {np.abs(X_test).max():.1f}")
pixel = np.argmax(np.abs(X_test).max(axis=0))  # where that test value is
inked = np.sum(X[train_rows, pixel] > 0)  # training images with ink there
print(f"that pixel is not 0 in {inked} of {len(X_train)} training images; "
      f"its scale is {scaler.scale_[pixel]:.2f}")
# --8<-- [end:standardise]

# --8<-- [start:train]
import time

from nnref import Adam, Network, train

network = Network.from_sizes([64, 32, 10], output_activation="softmax", rng=0)
optimiser = Adam(lr=0.003)
start = time.process_time()  # CPU time, for the comparison at the end
history = train(network, X_train, y_train,
                "categorical_cross_entropy_with_logits", optimiser,
                epochs=200, batch_size=64, rng=0,
                validation=(X_val, y_val), patience=10)
nnref_seconds = time.process_time() - start
best = history.best_epoch
print(f"ran {len(history)} of 200 epochs; "
      f"stopped early: {history.stopped_early}")
for epoch in (1, best, len(history)):
    i = epoch - 1  # epochs count from 1, lists from 0
    print(f"epoch {epoch:3d}: training loss {history.train_loss[i]:.4f}, "
          f"validation loss {history.validation_loss[i]:.4f}")
print(f"weights restored from epoch {best}: validation accuracy "
      f"{np.mean(network.classify(X_val) == y_val):.1%}")
# --8<-- [end:train]

# --8<-- [start:test]
predicted = network.classify(X_test)  # the one time the test set is used
n = len(y_test)
right = int(np.sum(predicted == y_test))
accuracy = right / n
standard_error = np.sqrt(accuracy * (1 - accuracy) / n)
z = 1.96  # the 97.5% point of the standard normal: a 95% interval
centre = (accuracy + z**2 / (2 * n)) / (1 + z**2 / n)
half_width = (z / (1 + z**2 / n)
              * np.sqrt(accuracy * (1 - accuracy) / n + z**2 / (4 * n**2)))
print(f"test accuracy {accuracy:.1%} ({right} of {n}), "
      f"standard error {100 * standard_error:.1f} points")
print(f"95% Wilson interval: {centre - half_width:.1%} "
      f"to {centre + half_width:.1%}")
# --8<-- [end:test]

# --8<-- [start:errors]
confusion = np.zeros((10, 10), dtype=int)  # row: true digit, column: predicted
np.add.at(confusion, (y_test, predicted), 1)
pairs = [(true, said) for true in range(10) for said in range(10)
         if true != said and confusion[true, said] > 0]
errors = confusion.sum() - np.trace(confusion)
print(f"{errors} errors, true -> predicted (times):")
shown = [f"{true} -> {said} ({confusion[true, said]})" for true, said in pairs]
for start in range(0, len(shown), 4):  # four to a line
    print(", ".join(shown[start:start + 4]))
errors_per_digit = confusion.sum(axis=1) - np.diag(confusion)
worst = np.argmax(errors_per_digit)
print(f"most errors on the digit {worst}: "
      f"{errors_per_digit[worst]} of {confusion[worst].sum()}")
# --8<-- [end:errors]

# --8<-- [start:compare]
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

models = {  # scikit-learn's defaults, apart from the hidden size and the seed
    "MLPClassifier (32,)": MLPClassifier(hidden_layer_sizes=(32,),
                                         max_iter=1000, random_state=0),
    "LogisticRegression": LogisticRegression(max_iter=1000),
}
accuracies = {"nnref 64-32-10": accuracy}
seconds = {"nnref 64-32-10": nnref_seconds}
for name, model in models.items():
    start = time.process_time()
    model.fit(X_train, y_train)  # the same standardised training set
    seconds[name] = time.process_time() - start
    accuracies[name] = model.score(X_test, y_test)
for name, score in accuracies.items():
    error = np.sqrt(score * (1 - score) / n)
    wrong = n - round(score * n)
    print(f"{name:20} {score:.1%} +- {100 * error:.1f} points "
          f"({wrong} errors)")
mlp = models["MLPClassifier (32,)"]
print(f"MLPClassifier: {mlp.n_iter_} epochs of Adam, "
      f"learning rate {mlp.learning_rate_init},")
batch = min(200, len(X_train))  # what its batch_size="auto" means
print(f"  batches of {batch}, L2 penalty {mlp.alpha}")
difference = accuracies["nnref 64-32-10"] - accuracies["MLPClassifier (32,)"]
assert abs(difference) <= standard_error, "more than one standard error apart"
print(f"nnref minus MLPClassifier: {100 * difference:+.1f} points, "
      f"within one standard error ({100 * standard_error:.1f})")
# Times differ between machines and runs: only wide bounds are asserted.
margin = 10
assert max(seconds.values()) < margin
ratio = seconds["nnref 64-32-10"] / seconds["MLPClassifier (32,)"]
assert 1 / margin < ratio < margin
assert seconds["LogisticRegression"] < min(seconds["nnref 64-32-10"],
                                           seconds["MLPClassifier (32,)"])
print(f"CPU time: every fit under {margin} s,")
print(f"  nnref within a factor of {margin} of MLPClassifier,")
print("  LogisticRegression the fastest")
# --8<-- [end:compare]
