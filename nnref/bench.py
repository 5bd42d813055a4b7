"""Benchmark harness: how fast is ``nnref`` next to the NumPy code a reader would write?

Run it with ``uv run python -m nnref.bench`` (add ``--json FILE`` to keep the numbers,
``--markdown`` for the table the Performance page shows, ``--quick`` for a short smoke run).

Every comparison is measured side by side in one run, alternating the contenders, and
reported as a ratio: these machines are shared and noisy, so absolute times from different
runs are not comparable, while ratios from the same run are.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from nnref.data import spirals
from nnref.layers import Network
from nnref.optim import Adam
from nnref.training import train

SIZES = (784, 256, 128, 10)
BATCHES = (1, 64, 1024, 16384)
DTYPES = (np.float32, np.float64)
LOSS = "categorical_cross_entropy_with_logits"


# ----------------------------------------------------------------------- timing


def _loops_for(function: Callable[[], object], target_seconds: float) -> int:
    """How many calls make one timing sample last about ``target_seconds``."""
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            function()
        if time.perf_counter() - start >= target_seconds or loops >= 1 << 20:
            return loops
        loops *= 2


def time_side_by_side(
    contenders: dict[str, Callable[[], object]], repeats: int, sample_seconds: float
) -> dict[str, float]:
    """Median seconds per call of each contender, timed in alternation."""
    loops = {name: _loops_for(f, sample_seconds) for name, f in contenders.items()}
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, function in contenders.items():
            start = time.perf_counter()
            for _ in range(loops[name]):
                function()
            samples[name].append((time.perf_counter() - start) / loops[name])
    return {name: statistics.median(times) for name, times in samples.items()}


# ------------------------------------------------------ the hand-written baselines


def hand_forward(X: np.ndarray, params: Sequence[np.ndarray]) -> np.ndarray:
    """The forward pass as a reader would write it: three layers, ReLU, softmax."""
    W1, b1, W2, b2, W3, b3 = params
    hidden1 = np.maximum(X @ W1.T + b1, 0)
    hidden2 = np.maximum(hidden1 @ W2.T + b2, 0)
    logits = hidden2 @ W3.T + b3
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


class FastestForward:
    """The same forward pass written for speed rather than for reading: the output
    buffers are reused between calls and the bias and ReLU are applied in place. It
    shows how close NumPy itself can come to the matrix-multiply peak."""

    def __init__(self, params: Sequence[np.ndarray]) -> None:
        self.params = params
        self.buffers: dict[tuple[int, int], np.ndarray] = {}

    def __call__(self, X: np.ndarray) -> np.ndarray:
        W1, b1, W2, b2, W3, b3 = self.params
        hidden1 = self._product(X, W1, b1)
        np.maximum(hidden1, 0, out=hidden1)
        hidden2 = self._product(hidden1, W2, b2)
        np.maximum(hidden2, 0, out=hidden2)
        logits = self._product(hidden2, W3, b3)
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=1, keepdims=True)
        return logits

    def _product(self, A: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
        shape = (A.shape[0], W.shape[0])
        out = self.buffers.get(shape)
        if out is None or out.dtype != A.dtype:
            out = self.buffers[shape] = np.empty(shape, dtype=A.dtype)
        np.matmul(A, W.T, out=out)
        out += b
        return out


class HandAdam:
    """Adam written out, the way the optimiser lesson derives it."""

    def __init__(self, params: Sequence[np.ndarray], lr: float = 1e-3) -> None:
        self.lr, self.beta1, self.beta2, self.eps = lr, 0.9, 0.999, 1e-8
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        self.t += 1
        for p, g, m, v in zip(params, grads, self.m, self.v, strict=True):
            m[:] = self.beta1 * m + (1 - self.beta1) * g
            v[:] = self.beta2 * v + (1 - self.beta2) * g * g
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def hand_train_step(
    X: np.ndarray, Y: np.ndarray, params: list[np.ndarray], optimiser: HandAdam
) -> float:
    """Forward, softmax cross-entropy, backward and an Adam step, written out."""
    W1, b1, W2, b2, W3, b3 = params
    z1 = X @ W1.T + b1
    a1 = np.maximum(z1, 0)
    z2 = a1 @ W2.T + b2
    a2 = np.maximum(z2, 0)
    logits = a2 @ W3.T + b3
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -(Y * log_p).sum() / len(X)
    dz3 = (np.exp(log_p) - Y) / len(X)
    da2 = dz3 @ W3
    dz2 = da2 * (z2 > 0)
    da1 = dz2 @ W2
    dz1 = da1 * (z1 > 0)
    grads = [dz1.T @ X, dz1.sum(0), dz2.T @ a1, dz2.sum(0), dz3.T @ a2, dz3.sum(0)]
    optimiser.step(params, grads)
    return float(loss)


# --------------------------------------------------------------------- measuring


def forward_flops(batch: int) -> float:
    return 2.0 * batch * sum(n_in * n_out for n_in, n_out in pairwise(SIZES))


def matmul_peak(dtype: type, n: int, repeats: int) -> float:
    """GFLOP/s of one large square matrix product (the machine's practical ceiling)."""
    rng = np.random.default_rng(0)
    A = rng.standard_normal((n, n)).astype(dtype)
    B = rng.standard_normal((n, n)).astype(dtype)
    seconds = time_side_by_side({"matmul": lambda: A @ B}, repeats, 0.2)["matmul"]
    return 2.0 * n**3 / seconds / 1e9


def _torch_forward(params: Sequence[np.ndarray]) -> Callable[[np.ndarray], Any] | None:
    try:
        import torch
    except ImportError:
        return None
    weights = [torch.from_numpy(np.ascontiguousarray(p)) for p in params]

    def forward(X_torch: Any) -> Any:
        with torch.no_grad():
            h = torch.relu(torch.nn.functional.linear(X_torch, weights[0], weights[1]))
            h = torch.relu(torch.nn.functional.linear(h, weights[2], weights[3]))
            return torch.softmax(torch.nn.functional.linear(h, weights[4], weights[5]), dim=1)

    return forward


@dataclass
class ForwardRow:
    dtype: str
    batch: int
    nnref_ms: float
    numpy_ms: float
    torch_ms: float | None
    nnref_gflops: float
    numpy_gflops: float
    ratio: float  # nnref time / hand-written NumPy time
    torch_ratio: float | None
    fraction_of_peak: float  # nnref GFLOP/s / matmul peak of this dtype


def bench_forward(
    dtype: type, batch: int, peak: float, repeats: int, sample_seconds: float
) -> ForwardRow:
    network = Network.from_sizes(SIZES, "relu", "softmax", rng=0, dtype=dtype)
    params = network.parameters()
    X = np.random.default_rng(1).standard_normal((batch, SIZES[0])).astype(dtype)
    np.testing.assert_allclose(network.forward(X), hand_forward(X, params), rtol=1e-4, atol=1e-6)
    contenders: dict[str, Callable[[], object]] = {
        "nnref": lambda: network.forward(X),
        "numpy": lambda: hand_forward(X, params),
    }
    torch_forward = _torch_forward(params)
    if torch_forward is not None:
        import torch

        X_torch = torch.from_numpy(X)
        contenders["torch"] = lambda: torch_forward(X_torch)
    times = time_side_by_side(contenders, repeats, sample_seconds)
    flops = forward_flops(batch)
    torch_time = times.get("torch")
    return ForwardRow(
        dtype=np.dtype(dtype).name,
        batch=batch,
        nnref_ms=times["nnref"] * 1e3,
        numpy_ms=times["numpy"] * 1e3,
        torch_ms=None if torch_time is None else torch_time * 1e3,
        nnref_gflops=flops / times["nnref"] / 1e9,
        numpy_gflops=flops / times["numpy"] / 1e9,
        ratio=times["nnref"] / times["numpy"],
        torch_ratio=None if torch_time is None else torch_time / times["numpy"],
        fraction_of_peak=flops / times["nnref"] / 1e9 / peak,
    )


def bench_forward_breakdown(
    dtype: type, batch: int, peak: float, repeats: int, sample_seconds: float
) -> dict[str, Any]:
    """Where the forward pass's time goes: each matrix product timed alone, the rest
    (bias, ReLU, softmax, new arrays) by difference, and the fastest NumPy version."""
    network = Network.from_sizes(SIZES, "relu", "softmax", rng=0, dtype=dtype)
    params = network.parameters()
    X = np.random.default_rng(1).standard_normal((batch, SIZES[0])).astype(dtype)
    network.forward(X)
    fastest = FastestForward(params)
    np.testing.assert_allclose(fastest(X), network.forward(X), rtol=1e-4, atol=1e-6)
    inputs = [layer.cache.inputs for layer in network.layers]
    weights = params[0::2]
    products = {
        f"{W.shape[1]}->{W.shape[0]}": (lambda A=A, W=W: A @ W.T)
        for A, W in zip(inputs, weights, strict=True)
    }
    times = time_side_by_side(
        {**products, "nnref": lambda: network.forward(X), "fastest": lambda: fastest(X)},
        repeats, sample_seconds,
    )
    rows = []
    for (name, seconds), W in zip(((n, times[n]) for n in products), weights, strict=True):
        flops = 2.0 * batch * W.size
        rows.append({"product": name, "ms": seconds * 1e3,
                     "fraction_of_peak": flops / seconds / 1e9 / peak})
    flops = forward_flops(batch)
    return {
        "dtype": np.dtype(dtype).name,
        "batch": batch,
        "products": rows,
        "nnref_ms": times["nnref"] * 1e3,
        "rest_ms": (times["nnref"] - sum(times[n] for n in products)) * 1e3,
        "fastest_ms": times["fastest"] * 1e3,
        "fastest_fraction_of_peak": flops / times["fastest"] / 1e9 / peak,
    }


def bench_train_step(repeats: int, sample_seconds: float, batch: int = 256) -> dict[str, float]:
    """One training step of the 784-256-128-10 network: nnref vs written out."""
    rng = np.random.default_rng(2)
    X = rng.standard_normal((batch, SIZES[0]))
    Y = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], batch)]
    network = Network.from_sizes(SIZES, "relu", "softmax", rng=0)
    optimiser = Adam(1e-3)
    hand_params = [p.copy() for p in network.parameters()]
    hand_optimiser = HandAdam(hand_params)

    def nnref_step() -> None:
        _, grads = network.loss_and_gradients(X, Y, LOSS)
        optimiser.step(network.parameters(), grads)

    times = time_side_by_side(
        {"nnref": nnref_step, "numpy": lambda: hand_train_step(X, Y, hand_params, hand_optimiser)},
        repeats,
        sample_seconds,
    )
    return {
        "batch": batch,
        "nnref_ms": times["nnref"] * 1e3,
        "numpy_ms": times["numpy"] * 1e3,
        "ratio": times["nnref"] / times["numpy"],
    }


def bench_spirals_epoch(repeats: int) -> dict[str, float]:
    """One epoch of the training lesson's set-up: 500 spiral points, 2-64-1, Adam."""
    X, y = spirals(500, noise=0.1, rng=0)
    network = Network.from_sizes([2, 64, 1], "relu", "sigmoid", rng=0)
    optimiser = Adam(0.01)
    seconds = time_side_by_side(
        {
            "epoch": lambda: train(
                network,
                X,
                y,
                "binary_cross_entropy_with_logits",
                optimiser,
                epochs=1,
                batch_size=32,
                rng=0,
            )
        },
        repeats,
        0.2,
    )["epoch"]
    return {"points": 500, "batch_size": 32, "epoch_ms": seconds * 1e3}


def bench_memory(batch: int = 16384, dtype: type = np.float32) -> dict[str, float]:
    """Peak memory allocated during a forward pass, relative to what it must keep.

    The network keeps every layer's ``z`` and ``a`` (backpropagation needs them); the ratio
    says how much more than that the pass allocates at its peak.
    """
    network = Network.from_sizes(SIZES, "relu", "softmax", rng=0, dtype=dtype)
    X = np.random.default_rng(1).standard_normal((batch, SIZES[0])).astype(dtype)
    params = network.parameters()
    results = {}
    for name, run in (
        ("nnref", lambda: network.forward(X)),
        ("numpy", lambda: hand_forward(X, params)),
    ):
        network.forward(X[:1])  # drop the caches of earlier runs
        tracemalloc.start()
        output = run()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del output
        results[f"{name}_peak_mb"] = peak / 2**20
    network.forward(X)
    kept = sum(cache.z.nbytes + cache.a.nbytes for cache in network.caches)
    results["kept_mb"] = kept / 2**20
    results["peak_over_kept"] = results["nnref_peak_mb"] / results["kept_mb"]
    return results


def machine() -> dict[str, Any]:
    config = np.show_config(mode="dicts") if hasattr(np, "show_config") else {}
    blas = config.get("Build Dependencies", {}).get("blas", {}) if isinstance(config, dict) else {}
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": f"{blas.get('name', '?')} {blas.get('version', '')}".strip(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "system": platform.platform(terse=True),
    }


def run(quick: bool = False) -> dict[str, Any]:
    repeats, sample = (3, 0.02) if quick else (7, 0.1)
    n = 512 if quick else 2048
    peaks = {np.dtype(d).name: matmul_peak(d, n, repeats) for d in DTYPES}
    batches = (1, 1024) if quick else BATCHES
    forward = [
        asdict(bench_forward(d, b, peaks[np.dtype(d).name], repeats, sample))
        for d in DTYPES
        for b in batches
    ]
    return {
        "machine": machine(),
        "matmul_peak_gflops": peaks,
        "forward": forward,
        "breakdown": bench_forward_breakdown(
            np.float32, max(batches), peaks["float32"], repeats, sample
        ),
        "train_step": bench_train_step(repeats, sample),
        "spirals_epoch": bench_spirals_epoch(repeats),
        "memory": bench_memory(4096 if quick else 16384),
    }


# ---------------------------------------------------------------------- reporting


def targets(results: dict[str, Any]) -> list[tuple[str, bool, str]]:
    """The issue's performance targets, each with whether this run met it."""
    rows = results["forward"]
    large = [r for r in rows if r["batch"] >= 1024]
    single = [r for r in rows if r["batch"] == 1]
    biggest32 = [
        r for r in rows if r["batch"] == max(x["batch"] for x in rows) and r["dtype"] == "float32"
    ]
    checks = [
        ("forward at batch >= 1024: nnref / NumPy <= 1.10", max(r["ratio"] for r in large), 1.10),
        ("forward at batch 1: nnref / NumPy <= 1.5", max(r["ratio"] for r in single), 1.5),
        ("training step: nnref / NumPy <= 1.2", results["train_step"]["ratio"], 1.2),
    ]
    out = [(name, value <= limit, f"{value:.2f}") for name, value, limit in checks]
    if biggest32:
        fraction = biggest32[0]["fraction_of_peak"]
        out.append(
            (
                f"float32 forward at batch {biggest32[0]['batch']}: >= 70% of matmul peak",
                fraction >= 0.70,
                f"{fraction:.0%}",
            )
        )
    return out


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    peaks = results["matmul_peak_gflops"]
    lines = [
        f"Measured on {m['cpus']} CPUs ({m['processor']}, {m['system']}), Python {m['python']}, "
        f"NumPy {m['numpy']} with {m['blas']}. Matrix-multiply peak: "
        f"{peaks['float32']:.1f} GFLOP/s in float32, {peaks['float64']:.1f} in float64.",
        "",
        "| dtype | batch | nnref (ms) | NumPy (ms) | nnref / NumPy | nnref GFLOP/s | "
        "of peak | PyTorch / NumPy |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results["forward"]:
        torch_ratio = "not installed" if r["torch_ratio"] is None else f"{r['torch_ratio']:.2f}"
        lines.append(
            f"| {r['dtype']} | {r['batch']:,} | {r['nnref_ms']:.3f} | {r['numpy_ms']:.3f} | "
            f"{r['ratio']:.2f} | {r['nnref_gflops']:.1f} | {r['fraction_of_peak']:.0%} | "
            f"{torch_ratio} |"
        )
    step, epoch, memory = results["train_step"], results["spirals_epoch"], results["memory"]
    lines += ["", breakdown_sentence(results["breakdown"])]
    lines += [
        "",
        f"Training step (batch {step['batch']}, forward + backward + Adam): nnref "
        f"{step['nnref_ms']:.2f} ms, written-out NumPy {step['numpy_ms']:.2f} ms, ratio "
        f"{step['ratio']:.2f}. One epoch of the spirals lesson (500 points, batch "
        f"{epoch['batch_size']}): {epoch['epoch_ms']:.1f} ms. Forward-pass peak memory: "
        f"{memory['nnref_peak_mb']:.1f} MiB for {memory['kept_mb']:.1f} MiB of kept activations "
        f"({memory['peak_over_kept']:.2f}x); the NumPy chain peaks at "
        f"{memory['numpy_peak_mb']:.1f} MiB and keeps nothing.",
        "",
        "| target | met | this run |",
        "| --- | --- | ---: |",
    ]
    lines += [
        f"| {name} | {'yes' if ok else 'no'} | {value} |" for name, ok, value in targets(results)
    ]
    return "\n".join(lines) + "\n"


def breakdown_sentence(breakdown: dict[str, Any]) -> str:
    products = ", ".join(
        f"{row['product'].replace('->', '→')} {row['ms']:.2f} ms "
        f"({row['fraction_of_peak']:.0%} of peak)"
        for row in breakdown["products"]
    )
    return (
        f"Where the {breakdown['dtype']} forward pass at batch {breakdown['batch']:,} spends "
        f"its {breakdown['nnref_ms']:.2f} ms: the matrix products alone take {products}; "
        f"the bias, ReLU and softmax passes and the new arrays take the other "
        f"{breakdown['rest_ms']:.2f} ms. Written for speed instead (buffers reused, bias and "
        f"ReLU in place), NumPy takes {breakdown['fastest_ms']:.2f} ms, "
        f"{breakdown['fastest_fraction_of_peak']:.0%} of peak."
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m nnref.bench", description=__doc__)
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    args = parser.parse_args(argv)
    results = run(quick=args.quick)
    if args.json:
        with open(args.json, "w", encoding="utf8") as file:
            json.dump(results, file, indent=2)
    print(markdown(results))


if __name__ == "__main__":
    main()
