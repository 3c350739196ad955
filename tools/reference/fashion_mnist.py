#!/usr/bin/python3
"""PyTorch reference for burnj's built-in Fashion-MNIST tasks (fashion-mnist-mlp, fashion-mnist-cnn).

Same networks, optimizer, batch size, epochs and data split as the burnj tasks: train on the first 55 000 training
images, validate on the last 5 000 (held out), score the 10 000 test images once after the last epoch. Pixels are
scaled to [0, 1] and normalised with the training-set mean and standard deviation. Reads Debian's
dataset-fashion-mnist files; run with Debian's /usr/bin/python3 and python3-torch:

    /usr/bin/python3 tools/reference/fashion_mnist.py --task mlp --seeds 1 2 3
    /usr/bin/python3 tools/reference/fashion_mnist.py --task cnn --seeds 1 2 3

It prints one line per epoch and, per seed, `test_accuracy=0.9123`; then the mean over the seeds.
"""
import argparse
import gzip
import os
import struct
import time

import torch
import torch.nn as nn

DATA = os.environ.get("BURNJ_DATA_FASHION", "/usr/share/datasets/fashion-mnist")
MEAN, STD = 0.2860406, 0.3530242


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def load(kind):
    images = read_idx(os.path.join(DATA, f"{kind}-images-idx3-ubyte.gz")).float().div_(255).sub_(MEAN).div_(STD)
    labels = read_idx(os.path.join(DATA, f"{kind}-labels-idx1-ubyte.gz")).long()
    return images.unsqueeze(1), labels


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))


def accuracy(model, x, y, batch=1000):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            correct += (model(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
    model.train()
    return correct / len(x)


def run(task, seed, epochs, batch_size, lr):
    torch.manual_seed(seed)
    x, y = load("train")
    x_test, y_test = load("t10k")
    x_train, y_train, x_valid, y_valid = x[:55000], y[:55000], x[55000:], y[55000:]
    model = mlp() if task == "mlp" else cnn()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        start = time.time()
        perm = torch.randperm(len(x_train))
        total = 0.0
        for i in range(0, len(perm), batch_size):
            idx = perm[i:i + batch_size]
            opt.zero_grad()
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print(f"seed {seed} epoch {epoch + 1}/{epochs}: train loss {total / len(x_train):.4f} "
              f"valid accuracy {accuracy(model, x_valid, y_valid):.4f} ({time.time() - start:.1f} s)", flush=True)
    test = accuracy(model, x_test, y_test)
    print(f"seed {seed}: test_accuracy={test:.4f}", flush=True)
    return test


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--task", choices=["mlp", "cnn"], required=True)
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    results = [run(a.task, s, a.epochs, a.batch_size, a.lr) for s in a.seeds]
    print(f"{a.task}: torch {torch.__version__}, seeds {a.seeds}, test accuracy "
          + " ".join(f"{r:.4f}" for r in results) + f", mean {sum(results) / len(results):.4f}")


if __name__ == "__main__":
    main()
