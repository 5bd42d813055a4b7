"""Training loss per epoch on the spirals for the three networks of the lesson."""

from functools import cache

from matplotlib.figure import Figure

from nnref import Adam, Network, spirals, train

RUNS = [  # label, layer sizes, learning rate
    ("2-64-1, lr 0.001 (the common example)", [2, 64, 1], 0.001),
    ("2-64-1, lr 0.01", [2, 64, 1], 0.01),
    ("2-32-32-32-1, lr 0.01", [2, 32, 32, 32, 1], 0.01),
]


@cache  # trained once, drawn in both palettes
def loss_histories() -> list[list[float]]:
    X, y = spirals(500, noise=0.1, rng=0)
    histories = []
    for _, sizes, learning_rate in RUNS:
        network = Network.from_sizes(sizes, output_activation="sigmoid", rng=0)
        histories.append(train(network, X, y, "binary_cross_entropy_with_logits",
                               Adam(lr=learning_rate), epochs=1000, batch_size=500, rng=0))
    return histories


def draw(fig: Figure) -> None:
    ax = fig.subplots()
    for (label, _, _), history in zip(RUNS, loss_histories(), strict=True):
        ax.plot(range(1, 1001), history, label=label)
    ax.axhline(0.1, linestyle=":", linewidth=1.0, color=ax.xaxis.label.get_color())
    ax.annotate("often promised: 0.1", (1000, 0.1), xytext=(0, -11),
                textcoords="offset points", ha="right", fontsize=9)
    ax.set_yscale("log")
    ax.set_xlabel("epoch (one full-batch Adam step each)")
    ax.set_ylabel("training loss (binary cross-entropy)")
    ax.legend(loc="lower left", fontsize=9)
