"""Generates burnj's PyTorch parity fixtures. Deterministic: fixed seeds, CPU, fixed file order, so a rerun writes
identical bytes. Run from the repository root:  /usr/bin/python3 tools/parity/generate.py

Layer and loss fixtures (F64) hold `state.<name>` (the module's state_dict before the call), `input.<name>`,
`output.<name>`, `probe.<name>` (fixed random weights r; the gradients are those of sum(output * r)),
`grad.input.<name>`, `grad.param.<name>` and, for modules with buffers, `state_after.<name>`. Their `__metadata__`
holds JSON strings: `module` (the torch.nn class), `config` (its constructor arguments), `call` (forward options)
and `mode` (train or eval).
"""

import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
NN_RES = os.path.join(ROOT, "burnj-nn", "src", "test", "resources", "parity")
OPTIM_RES = os.path.join(ROOT, "burnj-optim", "src", "test", "resources", "parity")

torch.use_deterministic_algorithms(True)
torch.set_num_threads(1)


def as_1d(t):
    """Float scalars are stored with shape [1] (burnj's reduced losses are one-element vectors); integer state such as
    num_batches_tracked keeps PyTorch's form, an int64 scalar of shape [], which burnj's ModuleRecord loads as is."""
    t = t.detach()
    return t.reshape(1) if t.dim() == 0 and t.is_floating_point() else t


def state_dict(module):
    """A copy of the module's state dict, in PyTorch's native dtypes and shapes."""
    return {k: v.detach().clone() for k, v in module.state_dict().items()}


def write(directory, name, tensors, metadata):
    os.makedirs(directory, exist_ok=True)
    meta = {k: (v if isinstance(v, str) else json.dumps(v, sort_keys=True)) for k, v in metadata.items()}
    safetensors_io.write(os.path.join(directory, name + ".safetensors"), {k: as_1d(v) for k, v in tensors.items()}, meta)


def randn(*shape):
    return torch.randn(tuple(shape), dtype=torch.float64)


# ---------------------------------------------------------------------------------------------------------------
# Layers
# ---------------------------------------------------------------------------------------------------------------


def layer_fixture(name, module, config, inputs, call=None, mode="train", forward=None, seed=0, randomize=True):
    """Runs `module` on `inputs` (name -> tensor; float ones get gradients) and writes the fixture `name`."""
    torch.manual_seed(seed)
    module = module.double()
    if randomize:
        # Non-default values everywhere (biases, norm scales, running stats), so the test sees where each is used.
        with torch.no_grad():
            for k, p in module.named_parameters():
                p.copy_(torch.randn_like(p) * (0.5 if p.dim() > 1 else 0.3) + (1.0 if p.dim() == 1 and k.endswith("weight") else 0.0))
            for k, b in module.named_buffers():
                if k.endswith("running_mean"):
                    b.copy_(torch.randn_like(b) * 0.2)
                elif k.endswith("running_var"):
                    b.copy_(torch.rand_like(b) + 0.5)
    module.train(mode == "train")
    tensors = {}
    state = state_dict(module)
    for k, v in state.items():
        tensors["state." + k] = v
    leaves = {}
    for k, v in inputs.items():
        tensors["input." + k] = v
        if v.is_floating_point():
            leaves[k] = v.clone().requires_grad_(True)
        else:
            leaves[k] = v
    outputs = forward(module, leaves) if forward else {"output": module(*leaves.values())}
    total = 0
    for k, out in outputs.items():
        probe = randn(*out.shape)
        tensors["output." + k] = out.detach()
        tensors["probe." + k] = probe
        total = total + (out * probe).sum()
    params = dict(module.named_parameters())
    grads = torch.autograd.grad(total, [v for v in leaves.values() if v.requires_grad] + list(params.values()), allow_unused=True)
    names = ["input." + k for k, v in leaves.items() if v.requires_grad] + ["param." + k for k in params]
    for n, g in zip(names, grads):
        if g is not None:
            tensors["grad." + n] = g
    for k, v in state_dict(module).items():
        if k not in params:
            tensors["state_after." + k] = v
    write(os.path.join(NN_RES, "layers"), name, tensors, {"module": type(module).__name__, "config": config, "call": call or {}, "mode": mode})


def layers():
    torch.manual_seed(1)
    layer_fixture("linear", nn.Linear(4, 3), {"in_features": 4, "out_features": 3}, {"input": randn(2, 4)})
    layer_fixture("linear_seq_no_bias", nn.Linear(4, 3, bias=False), {"in_features": 4, "out_features": 3, "bias": False},
                  {"input": randn(2, 3, 4)})
    cfg = {"in_channels": 2, "out_channels": 4, "kernel_size": 3, "stride": 2, "padding": 1, "dilation": 2, "groups": 2}
    layer_fixture("conv1d", nn.Conv1d(**cfg), cfg, {"input": randn(2, 2, 9)})
    cfg = {"in_channels": 2, "out_channels": 3, "kernel_size": 3, "padding": 1}
    layer_fixture("conv2d", nn.Conv2d(**cfg), cfg, {"input": randn(2, 2, 5, 5)})
    cfg = {"in_channels": 4, "out_channels": 6, "kernel_size": 3, "stride": 2, "padding": 2, "dilation": 2, "groups": 2, "bias": False}
    layer_fixture("conv2d_strided_dilated_grouped", nn.Conv2d(**cfg), cfg, {"input": randn(1, 4, 8, 7)})
    cfg = {"in_channels": 4, "out_channels": 2, "kernel_size": 3, "stride": 2, "padding": 1, "output_padding": 1, "groups": 2}
    layer_fixture("conv_transpose2d", nn.ConvTranspose2d(**cfg), cfg, {"input": randn(2, 4, 3, 4)})
    cfg = {"in_channels": 2, "out_channels": 3, "kernel_size": 2, "stride": 1, "dilation": 2}
    layer_fixture("conv_transpose2d_dilated", nn.ConvTranspose2d(**cfg), cfg, {"input": randn(1, 2, 3, 3)})

    cfg = {"kernel_size": 3, "stride": 2, "padding": 1, "dilation": 1, "ceil_mode": True}
    layer_fixture("max_pool1d", nn.MaxPool1d(**cfg), cfg, {"input": randn(2, 2, 8)})
    cfg = {"kernel_size": 2, "stride": 2}
    layer_fixture("max_pool2d", nn.MaxPool2d(**cfg), cfg, {"input": randn(2, 2, 4, 6)})
    cfg = {"kernel_size": 3, "stride": 2, "padding": 1, "dilation": 2, "ceil_mode": True}
    layer_fixture("max_pool2d_padded_dilated_ceil", nn.MaxPool2d(**cfg), cfg, {"input": randn(1, 2, 7, 8)})
    cfg = {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False}
    layer_fixture("avg_pool1d", nn.AvgPool1d(**cfg), cfg, {"input": randn(2, 2, 8)})
    cfg = {"kernel_size": 2}
    layer_fixture("avg_pool2d", nn.AvgPool2d(**cfg), cfg, {"input": randn(2, 2, 4, 6)})
    cfg = {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": False, "count_include_pad": True}
    layer_fixture("avg_pool2d_padded", nn.AvgPool2d(**cfg), cfg, {"input": randn(1, 2, 7, 6)})
    cfg = {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False}
    layer_fixture("avg_pool2d_ceil_exclude_pad", nn.AvgPool2d(**cfg), cfg, {"input": randn(1, 2, 6, 7)})
    cfg = {"output_size": [3, 2]}
    layer_fixture("adaptive_avg_pool2d", nn.AdaptiveAvgPool2d((3, 2)), cfg, {"input": randn(2, 2, 5, 7)})

    for mode in ["nearest", "bilinear"]:
        cfg = {"scale_factor": 2.0, "mode": mode}
        layer_fixture("upsample_%s_scale" % mode, nn.Upsample(**cfg), cfg, {"input": randn(1, 2, 3, 4)})
        cfg = {"size": [5, 7], "mode": mode}
        layer_fixture("upsample_%s_size" % mode, nn.Upsample(size=(5, 7), mode=mode), cfg, {"input": randn(2, 1, 3, 4)})

    for mode in ["train", "eval"]:
        cfg = {"num_features": 3, "eps": 1e-5, "momentum": 0.1}
        layer_fixture("batch_norm1d_" + mode, nn.BatchNorm1d(**cfg), cfg, {"input": randn(4, 3)}, mode=mode)
        layer_fixture("batch_norm1d_seq_" + mode, nn.BatchNorm1d(**cfg), cfg, {"input": randn(2, 3, 4)}, mode=mode)
        cfg = {"num_features": 3, "eps": 1e-3, "momentum": 0.3}
        layer_fixture("batch_norm2d_" + mode, nn.BatchNorm2d(**cfg), cfg, {"input": randn(2, 3, 3, 3)}, mode=mode)
    cfg = {"normalized_shape": 4, "eps": 1e-5}
    layer_fixture("layer_norm", nn.LayerNorm(4), cfg, {"input": randn(2, 3, 4)})
    cfg = {"num_groups": 2, "num_channels": 4, "eps": 1e-5}
    layer_fixture("group_norm", nn.GroupNorm(2, 4), cfg, {"input": randn(2, 4, 3, 3)})
    cfg = {"num_embeddings": 6, "embedding_dim": 3}
    layer_fixture("embedding", nn.Embedding(6, 3), cfg, {"input": torch.tensor([[0, 5, 2], [2, 2, 1]])})
    cfg = {"start_dim": 1, "end_dim": -1}
    layer_fixture("flatten", nn.Flatten(), cfg, {"input": randn(2, 3, 2, 2)})
    cfg = {"start_dim": 1, "end_dim": 2}
    layer_fixture("flatten_partial", nn.Flatten(1, 2), cfg, {"input": randn(2, 3, 2, 2)})

    x = randn(2, 3, 4) * 2
    layer_fixture("relu", nn.ReLU(), {}, {"input": x})
    layer_fixture("leaky_relu", nn.LeakyReLU(0.2), {"negative_slope": 0.2}, {"input": x})
    layer_fixture("gelu", nn.GELU(), {"approximate": "none"}, {"input": x})
    layer_fixture("gelu_tanh", nn.GELU(approximate="tanh"), {"approximate": "tanh"}, {"input": x})
    layer_fixture("silu", nn.SiLU(), {}, {"input": x})
    layer_fixture("sigmoid", nn.Sigmoid(), {}, {"input": x})
    layer_fixture("tanh", nn.Tanh(), {}, {"input": x})
    layer_fixture("softmax", nn.Softmax(dim=1), {"dim": 1}, {"input": x})
    layer_fixture("log_softmax", nn.LogSoftmax(dim=-1), {"dim": -1}, {"input": x})

    mha_cfg = {"embed_dim": 6, "num_heads": 2, "batch_first": True}
    attn_mask = torch.tensor([[False, False, True, True], [False, False, False, True], [False, False, False, False]])
    padding = torch.tensor([[False, False, False, True], [False, True, False, False]])

    def mha_forward(masks):
        def run(m, t):
            out, _ = m(t["query"], t["key"], t["value"], need_weights=False,
                       attn_mask=t.get("attn_mask") if masks else None, key_padding_mask=t.get("key_padding_mask") if masks else None)
            return {"output": out}
        return run
    layer_fixture("multihead_attention_masked", nn.MultiheadAttention(**mha_cfg), mha_cfg,
                  {"query": randn(2, 3, 6), "key": randn(2, 4, 6), "value": randn(2, 4, 6), "attn_mask": attn_mask,
                   "key_padding_mask": padding}, forward=mha_forward(True))
    layer_fixture("multihead_attention", nn.MultiheadAttention(**mha_cfg), mha_cfg,
                  {"query": randn(2, 3, 6), "key": randn(2, 4, 6), "value": randn(2, 4, 6)}, forward=mha_forward(False))

    recurrent()
    transformers()


def recurrent():
    """nn.LSTM / nn.GRU: 2 layers, bidirectional, with h0 (and c0); batch-first and sequence-first."""
    for batch_first in [True, False]:
        suffix = "batch_first" if batch_first else "seq_first"
        x = randn(2, 4, 3) if batch_first else randn(4, 2, 3)
        cfg = {"input_size": 3, "hidden_size": 5, "num_layers": 2, "bidirectional": True, "batch_first": batch_first}

        def lstm_forward(m, t):
            out, (h, c) = m(t["input"], (t["h0"], t["c0"]))
            return {"output": out, "h_n": h, "c_n": c}

        def gru_forward(m, t):
            out, h = m(t["input"], t["h0"])
            return {"output": out, "h_n": h}
        layer_fixture("lstm_" + suffix, nn.LSTM(**cfg), cfg, {"input": x, "h0": randn(4, 2, 5), "c0": randn(4, 2, 5)},
                      forward=lstm_forward, randomize=False)
        layer_fixture("gru_" + suffix, nn.GRU(**cfg), cfg, {"input": x, "h0": randn(4, 2, 5)}, forward=gru_forward, randomize=False)


def transformers():
    """nn.TransformerEncoderLayer / nn.TransformerEncoder (batch_first, dropout 0) with both masks."""
    src_mask = torch.tensor([[False, True, True, True], [False, False, True, True], [False, False, False, True],
                             [False, False, False, False]])
    padding = torch.tensor([[False, False, False, True], [False, False, False, False]])

    def run(m, t):
        return {"output": m(t["src"], t["src_mask"], src_key_padding_mask=t["src_key_padding_mask"])}
    for norm_first in [False, True]:
        for activation in ["relu", "gelu"]:
            cfg = {"d_model": 8, "nhead": 2, "dim_feedforward": 16, "dropout": 0.0, "activation": activation,
                   "batch_first": True, "norm_first": norm_first}
            suffix = ("norm_first_" if norm_first else "post_norm_") + activation
            inputs = {"src": randn(2, 4, 8), "src_mask": src_mask, "src_key_padding_mask": padding}
            layer_fixture("transformer_encoder_layer_" + suffix, nn.TransformerEncoderLayer(**cfg), cfg, inputs, forward=run)
            encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(**cfg), num_layers=2, norm=nn.LayerNorm(8),
                                            enable_nested_tensor=False)
            layer_fixture("transformer_encoder_" + suffix, encoder, {"layer": cfg, "num_layers": 2, "norm": True},
                          dict(inputs, src=randn(2, 4, 8)), forward=run)


# ---------------------------------------------------------------------------------------------------------------
# Losses
# ---------------------------------------------------------------------------------------------------------------


LOSS_FAMILIES = ["cross_entropy", "nll", "bce_with_logits", "bce", "mse", "l1", "huber", "smooth_l1", "kl_div"]


def loss_fixture(name, fn, config, inputs, grad_of):
    """`fn(**leaves)` for each reduction; gradients of sum(output * probe) w.r.t. the inputs named in `grad_of`.
    The metadata `module` is the loss family (the fixture name without its variant suffix)."""
    family = next(f for f in LOSS_FAMILIES if name == f or name.startswith(f + "_"))
    for reduction in ["mean", "sum", "none"] + (["batchmean"] if name.startswith("kl_div") else []):
        leaves = {k: (v.clone().requires_grad_(True) if k in grad_of else v) for k, v in inputs.items()}
        out = fn(reduction=reduction, **leaves)
        probe = randn(*out.shape)
        grads = torch.autograd.grad((out * probe).sum(), [leaves[k] for k in grad_of])
        tensors = {"input." + k: v for k, v in inputs.items()}
        tensors["output.output"] = out.detach()
        tensors["probe.output"] = probe
        for k, g in zip(grad_of, grads):
            tensors["grad.input." + k] = g
        write(os.path.join(NN_RES, "losses"), name + "_" + reduction, tensors,
              {"module": family, "config": dict(config, reduction=reduction), "call": {}, "mode": "train"})


def losses():
    torch.manual_seed(2)
    logits = randn(5, 4) * 2
    target = torch.tensor([0, 3, 1, 1, 2])
    ignored = torch.tensor([0, -100, 1, 3, -100])
    weights = torch.tensor([0.5, 2.0, 1.0, 1.5], dtype=torch.float64)
    for name, cfg, tgt in [("cross_entropy", {}, target),
                           ("cross_entropy_smoothing", {"label_smoothing": 0.1}, target),
                           ("cross_entropy_weights", {"weight": weights.tolist()}, target),
                           ("cross_entropy_ignore", {"ignore_index": -100}, ignored),
                           ("cross_entropy_ignore_class", {"ignore_index": 1}, target),
                           ("cross_entropy_weights_ignore_smoothing", {"weight": weights.tolist(), "ignore_index": 1,
                                                                        "label_smoothing": 0.2}, target)]:
        w = torch.tensor(cfg["weight"], dtype=torch.float64) if "weight" in cfg else None
        loss_fixture(name, lambda input, target, reduction, cfg=cfg, w=w: F.cross_entropy(
            input, target, weight=w, ignore_index=cfg.get("ignore_index", -100), label_smoothing=cfg.get("label_smoothing", 0.0),
            reduction=reduction), cfg, {"input": logits, "target": tgt}, ["input"])
    log_probs = F.log_softmax(randn(5, 4), dim=1)
    for name, cfg in [("nll", {}), ("nll_weights_ignore", {"weight": weights.tolist(), "ignore_index": 3})]:
        w = torch.tensor(cfg["weight"], dtype=torch.float64) if "weight" in cfg else None
        loss_fixture(name, lambda input, target, reduction, cfg=cfg, w=w: F.nll_loss(
            input, target, weight=w, ignore_index=cfg.get("ignore_index", -100), reduction=reduction), cfg,
            {"input": log_probs, "target": target}, ["input"])

    probs = torch.sigmoid(randn(3, 4) * 2)
    soft = torch.rand(3, 4, dtype=torch.float64)
    elem_w = torch.rand(3, 4, dtype=torch.float64) + 0.5
    loss_fixture("bce", F.binary_cross_entropy, {}, {"input": probs, "target": soft}, ["input"])
    loss_fixture("bce_weight", F.binary_cross_entropy, {}, {"input": probs, "target": soft, "weight": elem_w}, ["input"])
    z = randn(3, 4) * 3
    loss_fixture("bce_with_logits", F.binary_cross_entropy_with_logits, {}, {"input": z, "target": soft}, ["input"])
    pos = torch.tensor([0.5, 1.0, 2.0, 3.0], dtype=torch.float64)
    loss_fixture("bce_with_logits_pos_weight_weight", lambda reduction, **t: F.binary_cross_entropy_with_logits(
        reduction=reduction, pos_weight=pos, **t), {"pos_weight": pos.tolist()}, {"input": z, "target": soft, "weight": elem_w}, ["input"])

    a = randn(3, 4) * 1.5
    b = randn(3, 4)
    loss_fixture("mse", F.mse_loss, {}, {"input": a, "target": b}, ["input", "target"])
    loss_fixture("l1", F.l1_loss, {}, {"input": a, "target": b}, ["input", "target"])
    for delta in [1.0, 0.5]:
        loss_fixture("huber_delta_%g" % delta, lambda reduction, d=delta, **t: F.huber_loss(reduction=reduction, delta=d, **t),
                     {"delta": delta}, {"input": a, "target": b}, ["input", "target"])
        loss_fixture("smooth_l1_beta_%g" % delta, lambda reduction, d=delta, **t: F.smooth_l1_loss(reduction=reduction, beta=d, **t),
                     {"beta": delta}, {"input": a, "target": b}, ["input", "target"])
    log_q = F.log_softmax(randn(3, 4), dim=1)
    p = F.softmax(randn(3, 4), dim=1)
    loss_fixture("kl_div", F.kl_div, {}, {"input": log_q, "target": p}, ["input", "target"])
    loss_fixture("kl_div_log_target", lambda reduction, **t: F.kl_div(reduction=reduction, log_target=True, **t), {"log_target": True},
                 {"input": log_q, "target": torch.log(p)}, ["input", "target"])


# ---------------------------------------------------------------------------------------------------------------
# Models and optimizers
# ---------------------------------------------------------------------------------------------------------------


class Cnn(nn.Module):
    """conv (no bias) -> BatchNorm2d -> ReLU -> MaxPool2d(2) -> flatten -> Linear; field names are burnj's too."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, bias=False)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4 * 3 * 3, 3)

    def forward(self, x):
        return self.fc(torch.flatten(F.max_pool2d(F.relu(self.bn(self.conv(x))), 2), 1))


def make_model(kind):
    if kind == "mlp":
        return nn.Sequential(nn.Linear(12, 16), nn.ReLU(), nn.Linear(16, 5))
    return Cnn()


# Each run: 5 steps on the same batch, the scheduler stepped after every optimizer step.
RUNS = [
    ("sgd_momentum_steplr", ("SGD", {"lr": 0.1, "momentum": 0.9}), ("StepLR", {"step_size": 2, "gamma": 0.5})),
    ("sgd_dampening_wd_linearlr", ("SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.01}),
     ("LinearLR", {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 3})),
    ("sgd_nesterov_wd_cosine", ("SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.02}),
     ("CosineAnnealingLR", {"T_max": 5, "eta_min": 0.001})),
    ("adam_cosine", ("Adam", {"lr": 0.01, "betas": [0.9, 0.99], "eps": 1e-8}), ("CosineAnnealingLR", {"T_max": 5, "eta_min": 0.0001})),
    ("adam_amsgrad_wd_exponential", ("Adam", {"lr": 0.01, "weight_decay": 0.01, "amsgrad": True}), ("ExponentialLR", {"gamma": 0.8})),
    ("adamw_onecycle", ("AdamW", {"lr": 0.02, "weight_decay": 0.05}), ("OneCycleLR", {"max_lr": 0.02, "total_steps": 6, "cycle_momentum": False})),
    # PyTorch's default cycle_momentum=True: AdamW's beta1 and SGD's momentum follow the cycle; max_lr is not the lr.
    ("adamw_onecycle_momentum", ("AdamW", {"lr": 0.02, "weight_decay": 0.05}), ("OneCycleLR", {"max_lr": 0.05, "total_steps": 6})),
    ("sgd_momentum_onecycle_momentum", ("SGD", {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.01}),
     ("OneCycleLR", {"max_lr": 0.2, "total_steps": 6, "base_momentum": 0.8, "max_momentum": 0.9, "three_phase": True})),
    ("rmsprop_centered_momentum_steplr", ("RMSprop", {"lr": 0.01, "alpha": 0.9, "eps": 1e-8, "momentum": 0.5, "centered": True,
                                                       "weight_decay": 0.01}), ("StepLR", {"step_size": 3, "gamma": 0.1})),
    ("rmsprop_plain", ("RMSprop", {"lr": 0.01}), None),
    ("adagrad_decay_linearlr", ("Adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.01, "initial_accumulator_value": 0.1}),
     ("LinearLR", {"start_factor": 0.5, "total_iters": 4})),
]
STEPS = 5


def models():
    for kind in ["mlp", "cnn"]:
        for dtype_name, dtype in [("f64", torch.float64), ("f32", torch.float32)]:
            torch.manual_seed(3)
            base = make_model(kind).to(dtype)
            if kind == "mlp":
                x = torch.randn(8, 12).to(dtype)
                classes = 5
            else:
                x = torch.randn(6, 1, 8, 8).to(dtype)
                classes = 3
                with torch.no_grad():  # non-trivial affine BatchNorm parameters
                    base.bn.weight.copy_(1 + 0.3 * torch.randn(4).to(dtype))
                    base.bn.bias.copy_(0.2 * torch.randn(4).to(dtype))
            y = torch.randint(0, classes, (x.shape[0],))
            init = state_dict(base)
            prefix = "%s_%s" % (kind, dtype_name)
            write(OPTIM_RES, prefix + "_init", init, {"model": kind})

            data = {"input": x, "target": y}
            model = make_model(kind).to(dtype)
            model.load_state_dict(base.state_dict())
            model.train()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            data["loss"] = loss.detach()
            for k, p in model.named_parameters():
                data["grad." + k] = p.grad
            runs = {}
            for run, (opt_name, opt_cfg), sched in RUNS:
                if kind == "cnn" and run in ("rmsprop_plain",):
                    continue
                model = make_model(kind).to(dtype)
                model.load_state_dict(base.state_dict())
                model.train()
                opt_args = dict(opt_cfg)
                if "betas" in opt_args:
                    opt_args["betas"] = tuple(opt_args["betas"])
                opt = getattr(torch.optim, opt_name)(model.parameters(), **opt_args)
                scheduler = getattr(torch.optim.lr_scheduler, sched[0])(opt, **sched[1]) if sched else None
                losses_seen = []
                for _ in range(STEPS):
                    opt.zero_grad()
                    step_loss = F.cross_entropy(model(x), y)
                    step_loss.backward()
                    losses_seen.append(step_loss.item())
                    opt.step()
                    if scheduler:
                        scheduler.step()
                data[run + ".losses"] = torch.tensor(losses_seen, dtype=dtype)
                for k, v in state_dict(model).items():
                    data[run + "." + k] = v
                runs[run] = {"optimizer": opt_name, "config": opt_cfg, "scheduler": sched[0] if sched else None,
                             "scheduler_config": sched[1] if sched else None}
            write(OPTIM_RES, prefix + "_runs", data, {"model": kind, "steps": str(STEPS), "runs": runs})


# ---------------------------------------------------------------------------------------------------------------
# LR schedulers
# ---------------------------------------------------------------------------------------------------------------

PLATEAU_METRICS = [1.0, 0.9, 0.8, 0.85, 0.81, 0.82, 0.8, 0.79995, 0.83, 0.84, 0.7, 0.71, 0.72, 0.73, 0.74, 0.69, 0.7, 0.7, 0.7, 0.7,
                   0.7, 0.6, 0.61, 0.62, 0.63, 0.64, 0.65, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]


def schedules():
    lr_sched = torch.optim.lr_scheduler
    cases = [
        ("ConstantLR", {"factor": 0.5, "total_iters": 4}, lambda o: lr_sched.ConstantLR(o, factor=0.5, total_iters=4)),
        ("StepLR", {"step_size": 7, "gamma": 0.3}, lambda o: lr_sched.StepLR(o, 7, 0.3)),
        ("MultiStepLR", {"milestones": [3, 10, 25], "gamma": 0.5}, lambda o: lr_sched.MultiStepLR(o, [3, 10, 25], 0.5)),
        ("ExponentialLR", {"gamma": 0.93}, lambda o: lr_sched.ExponentialLR(o, 0.93)),
        ("CosineAnnealingLR", {"T_max": 10, "eta_min": 0.001}, lambda o: lr_sched.CosineAnnealingLR(o, 10, 0.001)),
        ("CosineAnnealingWarmRestarts", {"T_0": 5, "T_mult": 2, "eta_min": 0.002},
         lambda o: lr_sched.CosineAnnealingWarmRestarts(o, 5, 2, 0.002)),
        ("CosineAnnealingWarmRestarts", {"T_0": 7, "T_mult": 1, "eta_min": 0.0}, lambda o: lr_sched.CosineAnnealingWarmRestarts(o, 7)),
        ("LinearLR", {"start_factor": 0.1, "end_factor": 0.9, "total_iters": 12}, lambda o: lr_sched.LinearLR(o, 0.1, 0.9, 12)),
        ("OneCycleLR", {"total_steps": 40}, lambda o: lr_sched.OneCycleLR(o, max_lr=0.1, total_steps=40)),
        ("OneCycleLR", {"total_steps": 40, "pct_start": 0.25, "div_factor": 10.0, "final_div_factor": 100.0, "anneal_strategy": "linear",
                        "three_phase": True},
         lambda o: lr_sched.OneCycleLR(o, max_lr=0.1, total_steps=40, pct_start=0.25, div_factor=10.0, final_div_factor=100.0,
                                       anneal_strategy="linear", three_phase=True)),
        ("OneCycleLR", {"total_steps": 40, "max_lr": 0.3, "base_momentum": 0.7, "max_momentum": 0.9, "anneal_strategy": "linear"},
         lambda o: lr_sched.OneCycleLR(o, max_lr=0.3, total_steps=40, base_momentum=0.7, max_momentum=0.9, anneal_strategy="linear")),
        ("SequentialLR", {"schedulers": [["LinearLR", {"start_factor": 0.2, "end_factor": 1.0, "total_iters": 5}],
                                         ["CosineAnnealingLR", {"T_max": 30, "eta_min": 0.0}]], "milestones": [5]},
         lambda o: lr_sched.SequentialLR(o, [lr_sched.LinearLR(o, 0.2, 1.0, 5), lr_sched.CosineAnnealingLR(o, 30)], [5])),
        ("SequentialLR", {"schedulers": [["ConstantLR", {"factor": 0.1, "total_iters": 100}], ["ExponentialLR", {"gamma": 0.9}],
                                         ["StepLR", {"step_size": 5, "gamma": 0.5}]], "milestones": [4, 20]},
         lambda o: lr_sched.SequentialLR(o, [lr_sched.ConstantLR(o, 0.1, 100), lr_sched.ExponentialLR(o, 0.9), lr_sched.StepLR(o, 5, 0.5)],
                                         [4, 20])),
    ]
    out = []
    for name, cfg, make in cases:
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        sched = make(opt)
        lrs = [opt.param_groups[0]["lr"]]
        # OneCycleLR cycles SGD's momentum by default (cycle_momentum=True).
        momenta = [opt.param_groups[0]["momentum"]]
        for _ in range(40):
            opt.step()
            sched.step()
            lrs.append(opt.param_groups[0]["lr"])
            momenta.append(opt.param_groups[0]["momentum"])
        entry = {"scheduler": name, "config": cfg, "initial_lr": 0.1, "lrs": lrs}
        if name == "OneCycleLR":
            entry["momenta"] = momenta
        out.append(entry)
    # threshold_mode 'abs' with thresholds and metric scales at which it changes the schedule relative to 'rel'.
    for cfg, scale in [({"mode": "min", "factor": 0.5, "patience": 2, "threshold": 1e-4, "cooldown": 1, "min_lr": 0.004}, 1),
                       ({"mode": "max", "factor": 0.3, "patience": 1, "threshold": 0.01, "cooldown": 0, "min_lr": 0.0}, 1),
                       ({"mode": "min", "factor": 0.5, "patience": 3, "threshold": 0.1, "threshold_mode": "abs", "cooldown": 0,
                         "min_lr": 0.0}, 1),
                       ({"mode": "max", "factor": 0.5, "patience": 2, "threshold": 0.05, "threshold_mode": "abs", "cooldown": 1,
                         "min_lr": 0.0}, 0.2)]:
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        sched = lr_sched.ReduceLROnPlateau(opt, **cfg)
        lrs = [opt.param_groups[0]["lr"]]
        metrics = [scale * (m if cfg["mode"] == "min" else 1 - m) for m in PLATEAU_METRICS]
        for m in metrics:
            opt.step()
            sched.step(m)
            lrs.append(opt.param_groups[0]["lr"])
        out.append({"scheduler": "ReduceLROnPlateau", "config": cfg, "initial_lr": 0.1, "metrics": metrics, "lrs": lrs})
    os.makedirs(OPTIM_RES, exist_ok=True)
    with open(os.path.join(OPTIM_RES, "lr_schedules.json"), "w") as f:
        json.dump({"torch": torch.__version__.split("+")[0], "schedules": out}, f, indent=1, sort_keys=True)
        f.write("\n")


def main():
    import warnings
    warnings.filterwarnings("ignore")
    import check_safetensors_io
    check_safetensors_io.main()
    with open(os.path.join(NN_RES, "handmade.safetensors"), "wb") as f:
        f.write(check_safetensors_io.handmade())
    layers()
    losses()
    models()
    schedules()


if __name__ == "__main__":
    main()
