"""A minimal safetensors writer and reader (Debian ships no `safetensors` package), written from the format
description.

Layout: an 8-byte little-endian unsigned header length N, then N bytes of UTF-8 JSON
{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}} padded with spaces so that
8 + N is a multiple of 8, then the raw little-endian tensor bytes. Offsets are relative to the start of the data
section and tensors are laid out in the order given, without gaps.
"""

import json
import struct

import numpy as np

_DTYPES = {
    np.dtype("float64"): "F64",
    np.dtype("float32"): "F32",
    np.dtype("int64"): "I64",
    np.dtype("int32"): "I32",
    np.dtype("bool"): "BOOL",
}


def _as_array(value):
    if hasattr(value, "detach"):  # a torch tensor; imported lazily so this module needs only numpy
        value = value.detach().cpu().contiguous().numpy()
    # Not np.ascontiguousarray, which turns a rank-0 array (a PyTorch scalar such as num_batches_tracked) into rank 1.
    return np.array(value, order="C", copy=False)


def encode(tensors, metadata=None):
    """The bytes of a safetensors file holding `tensors` (an ordered name -> array mapping) and string `metadata`."""
    header = {}
    if metadata:
        for k, v in metadata.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise TypeError("safetensors metadata must map str to str, got %r: %r" % (k, v))
        header["__metadata__"] = dict(metadata)
    chunks = []
    offset = 0
    for name, value in tensors.items():
        if name == "__metadata__":
            raise ValueError("'__metadata__' is reserved and cannot name a tensor")
        array = _as_array(value)
        if array.dtype not in _DTYPES:
            raise TypeError("tensor %r: unsupported dtype %s" % (name, array.dtype))
        raw = array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes(order="C")
        header[name] = {"dtype": _DTYPES[array.dtype], "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def write(path, tensors, metadata=None):
    """Writes `tensors` and `metadata` to `path` (see `encode`)."""
    with open(path, "wb") as out:
        out.write(encode(tensors, metadata))


_NUMPY = {name: dtype for dtype, name in _DTYPES.items()}


def read(path):
    """The tensors (name -> numpy array, in file order) and metadata of the safetensors file `path`."""
    with open(path, "rb") as f:
        raw = f.read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    data = raw[8 + length:]
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = _NUMPY[entry["dtype"]].newbyteorder("<")
        tensors[name] = np.frombuffer(data[begin:end], dtype=dtype).reshape(entry["shape"]).copy()
    return tensors, metadata
