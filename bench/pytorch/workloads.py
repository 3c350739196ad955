#!/usr/bin/python3
"""PyTorch counterpart of `bin/burnj-bench workloads`: the same W1-W5 with the same definitions (docs/performance.md).

Run with Debian's /usr/bin/python3, python3-torch and libopenblas0-openmp (without it PyTorch falls back to the
reference BLAS, some 30 times slower at W4), the environment as it is; it uses every CPU the process may run on:

    /usr/bin/python3 bench/pytorch/workloads.py [--workloads W1,W2,W3,W4,W5] [--runs 3] [--warmups 1] [--max-steps N]

It prints one JSON line per workload (the fields burnj's runner writes) and then a Markdown table.

W1  MLP 784 -> 256 ReLU -> Dropout 0.5 -> 10, cross-entropy, Adam 1e-3, batch 64, one shuffled epoch of the 60 000
    Fashion-MNIST training images (normalised with the training mean and std) -> training samples/s, + test accuracy.
W2  the fashion-mnist-cnn network (conv 1->32 3x3 same, ReLU, max-pool 2, conv 32->64, ReLU, max-pool 2,
    3136 -> 128 ReLU -> 10), otherwise as W1.
W3  the samples/mnist-gan networks, batch 64: a discriminator step on 128 rows (64 real images in [-1, 1], target 1,
    and 64 detached fakes, target 0, in one forward pass), then a non-saturating generator step; BCE; Adam 2e-4
    (0.5, 0.999) each; 300 steps -> ms/step.
W4  fp32 1024x1024 @ 1024x1024 into a preallocated output, best of 10 -> GFLOP/s.
W5  a 16-float tensor with requires_grad through a chain of 1000 steps (tanh when i % 10 == 9, else x * 1.0001 +
    0.0001), then sum() and backward -> microseconds per step.

Data is batched before the timed region. Every timed run starts from a freshly initialised network; the median of
the runs is reported.
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "reference"))
# The networks, data reading and scoring of the PyTorch reference scripts, so that the definitions cannot drift apart.
from fashion_mnist import DATA, MEAN, STD, accuracy, cnn, mlp, read_idx  # noqa: E402
from mnist_gan import discriminator, generator  # noqa: E402
from results import fmt, median  # noqa: E402

BATCH = 64


def images(kind):
    return read_idx(os.path.join(DATA, f"{kind}-images-idx3-ubyte.gz")).float().div_(255)


def labels(kind):
    return read_idx(os.path.join(DATA, f"{kind}-labels-idx1-ubyte.gz")).long()


def batches(x, y, size, seed):
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    return [(x[order[i:i + size]].contiguous(), y[order[i:i + size]].contiguous()) for i in range(0, len(x), size)]


class Classifier:
    """W1 and W2: one epoch of training, timed; then the test accuracy, untimed."""

    def __init__(self, wid, title, network, flat):
        self.id, self.title, self.network, self.flat = wid, title, network, flat
        self.unit, self.higher_is_better = "samples/s", True

    def run(self, args, warmups, runs):
        shape = (-1, 784) if self.flat else (-1, 1, 28, 28)
        x = images("train").sub_(MEAN).div_(STD).reshape(shape)
        tx = images("t10k").sub_(MEAN).div_(STD).reshape(shape)
        ty = labels("t10k")
        train = batches(x, labels("train"), BATCH, args.seed)
        steps = len(train) if args.max_steps == 0 else min(len(train), args.max_steps)
        for _ in range(warmups):
            self.train(args, train[:min(steps, 30)])
        out = []
        for _ in range(runs):
            part = train[:steps]
            start = time.perf_counter()
            model = self.train(args, part)
            seconds = time.perf_counter() - start
            out.append((sum(len(b[1]) for b in part) / seconds, {"test_accuracy": accuracy(model, tx, ty)}))
        return out

    def train(self, args, part):
        torch.manual_seed(args.seed)
        model = self.network()
        model.train()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = nn.CrossEntropyLoss()
        loss = None
        for xb, yb in part:
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        last = loss.item()
        if last != last:
            raise RuntimeError(f"training diverged: last loss {last}")
        return model


class Gan:
    id, title, unit, higher_is_better = "W3", "GAN step (D on 64 real + 64 fake, then G)", "ms/step", False
    STEPS = 300

    def run(self, args, warmups, runs):
        steps = self.STEPS if args.max_steps == 0 else min(self.STEPS, args.max_steps)
        x = images("train")[:steps * BATCH].mul_(2).sub_(1).reshape(-1, 784)
        real = [b[0] for b in batches(x, torch.zeros(len(x), dtype=torch.long), BATCH, args.seed)]
        for _ in range(warmups):
            self.train(args, real[:min(steps, 30)])
        out = []
        for _ in range(runs):
            start = time.perf_counter()
            self.train(args, real)
            out.append(((time.perf_counter() - start) * 1e3 / len(real), {}))
        return out

    def train(self, args, real):
        torch.manual_seed(args.seed)
        g, d = generator(), discriminator()
        g.train()
        d.train()
        g_opt = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
        d_opt = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
        bce = nn.BCELoss()
        noise = torch.Generator().manual_seed(args.seed + 1)
        targets = torch.cat([torch.ones(BATCH, 1), torch.zeros(BATCH, 1)])
        fake_as_real = torch.ones(BATCH, 1)
        d_loss = g_loss = None
        for images_ in real:
            fake = g(torch.randn(BATCH, 100, generator=noise))
            d_opt.zero_grad()
            d_loss = bce(d(torch.cat([images_, fake.detach()])), targets)
            d_loss.backward()
            d_opt.step()
            g_opt.zero_grad()
            g_loss = bce(d(fake), fake_as_real)
            g_loss.backward()
            g_opt.step()
        last = d_loss.item() + g_loss.item()
        if last != last:
            raise RuntimeError(f"GAN training diverged: last losses sum to {last}")


class Gemm:
    id, title, unit, higher_is_better = "W4", "GEMM fp32 1024x1024x1024", "GFLOP/s", True
    N, PRODUCTS = 1024, 10

    def run(self, args, warmups, runs):
        gen = torch.Generator().manual_seed(args.seed)
        a = torch.randn(self.N, self.N, generator=gen)
        b = torch.randn(self.N, self.N, generator=gen)
        c = torch.empty(self.N, self.N)
        for _ in range(warmups):
            self.best_of(a, b, c, 2)
        return [(2.0 * self.N ** 3 / self.best_of(a, b, c, self.PRODUCTS) / 1e9, {}) for _ in range(runs)]

    @staticmethod
    def best_of(a, b, c, n):
        best = float("inf")
        for _ in range(n):
            start = time.perf_counter()
            torch.mm(a, b, out=c)
            best = min(best, time.perf_counter() - start)
        return best


class SmallOps:
    id, title, unit, higher_is_better = "W5", "small-op overhead (16 floats, autodiff)", "us/step", False
    STEPS, WARM_UP_CHAINS = 1000, 200

    def run(self, args, warmups, runs):
        steps = self.STEPS
        x = torch.randn(16, generator=torch.Generator().manual_seed(args.seed)).requires_grad_()
        for _ in range(warmups * self.WARM_UP_CHAINS):
            self.chain(x, steps)
        out = []
        for _ in range(runs):
            start = time.perf_counter()
            self.chain(x, steps)
            out.append(((time.perf_counter() - start) * 1e6 / steps, {}))
        return out

    @staticmethod
    def chain(x, steps):
        h = x
        for i in range(steps):
            h = torch.tanh(h) if i % 10 == 9 else h * 1.0001 + 0.0001
        h.sum().backward()
        x.grad.numpy()
        x.grad = None


WORKLOADS = [
    Classifier("W1", "MLP epoch (fashion-mnist-mlp)", mlp, True),
    Classifier("W2", "CNN epoch (fashion-mnist-cnn)", cnn, False),
    Gan(), Gemm(), SmallOps(),
]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workloads", default="all", help="comma-separated ids, e.g. W1,W4 (default: all)")
    p.add_argument("--runs", type=int, default=3, help="timed runs per workload; the median is reported (default 3)")
    p.add_argument("--warmups", type=int, default=1, help="untimed warm-up runs (default 1)")
    p.add_argument("--max-steps", type=int, default=0, help="cut the training workloads W1-W3 to N steps; 0 = full definitions")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", help="also append the JSON lines to this file")
    p.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                   help="intra-op threads (default: every CPU this process may run on, as burnj's backends use; "
                        "this Debian build of PyTorch would otherwise pick 1 on some 2-vCPU machines)")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    if args.runs < 1 or args.warmups < 0:
        p.error(f"--runs must be >= 1 and --warmups >= 0, got {args.runs} and {args.warmups}")
    ids = [w.id for w in WORKLOADS] if args.workloads.strip().lower() == "all" else [s.strip().upper() for s in args.workloads.split(",") if s.strip()]
    by_id = {w.id: w for w in WORKLOADS}
    for i in ids:
        if i not in by_id:
            p.error(f"no workload {i}; expected one of W1, W2, W3, W4, W5")
    backend = f"pytorch-{torch.__version__}-cpu-{torch.get_num_threads()}threads"
    rows = []
    for i in ids:
        w = by_id[i]
        measured = w.run(args, args.warmups, args.runs)
        values = [m[0] for m in measured]
        extras = {k: median([m[1][k] for m in measured]) for k in sorted(measured[0][1])}
        line = json.dumps({"workload": w.id, "title": w.title, "side": "pytorch", "backend": backend, "unit": w.unit,
                           "higher_is_better": w.higher_is_better, "value": median(values), "max_steps": args.max_steps,
                           "runs": values, "extras": extras})
        print(line, flush=True)
        if args.json:
            with open(args.json, "a") as f:
                f.write(line + "\n")
        rows.append((w, median(values), values, extras))
    print()
    print("| workload | what | backend | median | unit | runs | also |")
    print("|---|---|---|---:|---|---|---|")
    for w, med, values, extras in rows:
        also = ", ".join(f"{k}={v:.4f}" for k, v in extras.items())
        better = "higher" if w.higher_is_better else "lower"
        print(f"| {w.id} | {w.title} | {backend} | {fmt(med)} | {w.unit} ({better} is better) | {', '.join(fmt(v) for v in values)} | {also} |")


if __name__ == "__main__":
    sys.exit(main())
