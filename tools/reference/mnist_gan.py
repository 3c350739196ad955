#!/usr/bin/python3
"""PyTorch reference for burnj's samples/mnist-gan (GanTrainer): the same GAN, step, data and schedule.

Generator 100 -> 256 -> 512 -> 784 (LeakyReLU 0.2, tanh) and discriminator 784 -> 512 -> 256 -> 1 (LeakyReLU 0.2,
sigmoid), PyTorch's default initialisation (burnj's too), BCE, one Adam each (lr 2e-4, betas 0.5 / 0.999), batches
of 64 Fashion-MNIST training images scaled to [-1, 1], reshuffled every epoch, the partial last batch dropped
(937 steps an epoch), 30 epochs. Each step, as GanTrainer.step:

1. fakes = G(z) for a fresh z ~ N(0, 1) of the batch's size;
2. discriminator loss BCE(D(real), 1) + BCE(D(fakes.detach()), 0), one Adam step of D;
3. generator loss BCE(D(fakes), 1) through the updated D (the non-saturating loss), one Adam step of G.

After epoch 1 and after the last epoch (every epoch with --every-epoch) it writes 2 000 samples of a fixed noise
(drawn from its own generator seeded with 1000 + seed, so every epoch's file shows the same latent points) to
OUT/seed-S/epoch-NNN.safetensors: one float32 tensor "images" [2000, 784] in [-1, 1], written with
tools/parity/safetensors_io.py. Reads Debian's dataset-fashion-mnist files; run with Debian's /usr/bin/python3 and
python3-torch, then score each file with the sample's score mode against the first 2 000 test images, using a
fashion-mnist-cnn classifier trained with burnj:

    /usr/bin/python3 tools/reference/mnist_gan.py --seeds 1 2 3 --out runs/gan-torch
    bin/burnj train fashion-mnist-cnn --out runs/cnn
    for f in runs/gan-torch/seed-*/epoch-*.safetensors; do
        java -jar samples/mnist-gan/target/mnist-gan.jar score --fid-classifier runs/cnn "$f"
    done

Each score ends with a line `score samples=2000 fid_pool7=... fid_cnn=... conf90=... classes_ge2pct=... class_...=...`.
A smoke test: --epochs 1 --limit 3000 --seeds 1.
"""
import argparse
import gzip
import os
import sys
import time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "parity"))
import safetensors_io  # noqa: E402  (tools/parity, one writer for both tool sets)

DATA = os.environ.get("BURNJ_DATA_FASHION", "/usr/share/datasets/fashion-mnist")
LATENT = 100
PIXELS = 784
SAMPLES = 2000


def read_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in range(0, 16, 4))
    if magic != 0x803 or rows * cols != PIXELS:
        raise ValueError(f"{path}: expected an IDX image file of 28x28 images (magic 0x803), found magic {magic:#x}, {rows}x{cols}")
    return torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).reshape(n, PIXELS)


def generator():
    return nn.Sequential(
        nn.Linear(LATENT, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 512), nn.LeakyReLU(0.2),
        nn.Linear(512, PIXELS), nn.Tanh())


def discriminator():
    return nn.Sequential(
        nn.Linear(PIXELS, 512), nn.LeakyReLU(0.2),
        nn.Linear(512, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 1), nn.Sigmoid())


def write_samples(g, noise, path, seed, epoch, steps):
    with torch.no_grad():
        images = g(noise).contiguous()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    safetensors_io.write(path, {"images": images}, {
        "source": "tools/reference/mnist_gan.py", "torch": torch.__version__,
        "seed": str(seed), "epoch": str(epoch), "steps": str(steps)})
    print(f"seed {seed} epoch {epoch}: {SAMPLES} samples -> {path}", flush=True)


def run(seed, a):
    torch.manual_seed(seed)
    x = read_images(os.path.join(DATA, "train-images-idx3-ubyte.gz"))
    if a.limit:
        x = x[:a.limit]
    x = x.float().div_(255).mul_(2).sub_(1)  # [0, 1] -> [-1, 1], as GanTrainer.toTanhRange
    if len(x) < a.batch_size:
        raise ValueError(f"{len(x)} images are fewer than one batch of {a.batch_size}")
    g, d = generator(), discriminator()
    opt_g = torch.optim.Adam(g.parameters(), lr=a.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=a.lr, betas=(0.5, 0.999))
    bce = nn.BCELoss()
    noise = torch.randn(SAMPLES, LATENT, generator=torch.Generator().manual_seed(1000 + seed))
    steps_per_epoch = len(x) // a.batch_size
    step = 0
    for epoch in range(1, a.epochs + 1):
        start = time.time()
        perm = torch.randperm(len(x))
        sums = [0.0, 0.0, 0.0, 0.0]
        for i in range(steps_per_epoch):
            real = x[perm[i * a.batch_size:(i + 1) * a.batch_size]]
            n = len(real)
            ones, zeros = torch.ones(n, 1), torch.zeros(n, 1)
            fake = g(torch.randn(n, LATENT))

            real_scores = d(real)
            fake_scores = d(fake.detach())
            d_loss = bce(real_scores, ones) + bce(fake_scores, zeros)
            opt_d.zero_grad()
            d_loss.backward()
            opt_d.step()

            g_loss = bce(d(fake), ones)
            opt_g.zero_grad()
            g_loss.backward()
            opt_g.step()

            step += 1
            for k, v in enumerate((d_loss, g_loss, real_scores.mean(), fake_scores.mean())):
                sums[k] += v.item()
        m = [s / steps_per_epoch for s in sums]
        print(f"seed {seed} epoch {epoch}/{a.epochs} step {step}: d_loss={m[0]:.4f} g_loss={m[1]:.4f} "
              f"d_real={m[2]:.4f} d_fake={m[3]:.4f} ({time.time() - start:.1f} s)", flush=True)
        if a.every_epoch or epoch == 1 or epoch == a.epochs:
            write_samples(g, noise, os.path.join(a.out, f"seed-{seed}", f"epoch-{epoch:03d}.safetensors"), seed, epoch, step)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--limit", type=int, default=0, help="train on the first N images only; 0 for all")
    p.add_argument("--every-epoch", action="store_true", help="write samples after every epoch, not only the first and last")
    p.add_argument("--out", default="runs/gan-torch")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    if a.epochs < 1:
        p.error(f"--epochs must be positive, got {a.epochs}")
    torch.set_num_threads(a.threads)
    print(f"torch {torch.__version__}, seeds {a.seeds}, {a.epochs} epochs, samples to {a.out}", flush=True)
    for s in a.seeds:
        run(s, a)


if __name__ == "__main__":
    main()
