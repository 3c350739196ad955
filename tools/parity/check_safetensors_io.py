"""Pins safetensors_io to the format description: a file built by hand with struct.pack and literal JSON must equal
the writer's output byte for byte, and the reader must give back the tensors and metadata. With --write PATH it also stores the hand-built file (the Java side reads it)."""

import os
import struct
import sys
import tempfile

import numpy as np

import safetensors_io

# Literal header, written out by hand: metadata first, then tensors in order with offsets into the data section.
HEADER = (
    '{"__metadata__":{"what":"handmade","n":"3"},'
    '"w":{"dtype":"F64","shape":[2,2],"data_offsets":[0,32]},'
    '"v":{"dtype":"F32","shape":[3],"data_offsets":[32,44]},'
    '"i":{"dtype":"I64","shape":[2],"data_offsets":[44,60]},'
    '"m":{"dtype":"BOOL","shape":[3],"data_offsets":[60,63]}}'
)


def handmade():
    header = HEADER.encode("utf-8")
    header += b" " * ((8 - (8 + len(header)) % 8) % 8)
    assert (8 + len(header)) % 8 == 0
    data = struct.pack("<4d", 1.5, -2.0, 0.25, 1e-300)
    data += struct.pack("<3f", 3.0, -0.5, 1024.0)
    data += struct.pack("<2q", -7, 2**40 + 3)
    data += bytes([1, 0, 1])
    return struct.pack("<Q", len(header)) + header + data


def tensors():
    return {
        "w": np.array([[1.5, -2.0], [0.25, 1e-300]], dtype=np.float64),
        "v": np.array([3.0, -0.5, 1024.0], dtype=np.float32),
        "i": np.array([-7, 2**40 + 3], dtype=np.int64),
        "m": np.array([True, False, True]),
    }


def written():
    return safetensors_io.encode(tensors(), {"what": "handmade", "n": "3"})


def check_reader(expected):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "handmade.safetensors")
        with open(path, "wb") as out:
            out.write(expected)
        got, metadata = safetensors_io.read(path)
    want = tensors()
    assert metadata == {"what": "handmade", "n": "3"}, metadata
    assert list(got) == list(want), list(got)
    for name, array in want.items():
        assert got[name].dtype == array.dtype and np.array_equal(got[name], array), (name, got[name], array)


def check_scalar():
    """A rank-0 tensor keeps shape [] (PyTorch's num_batches_tracked)."""
    header = b'{"s":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}'
    header += b" " * ((8 - (8 + len(header)) % 8) % 8)
    expected = struct.pack("<Q", len(header)) + header + struct.pack("<q", 5)
    actual = safetensors_io.encode({"s": np.array(5, dtype=np.int64)})
    assert actual == expected, "a rank-0 tensor is written as:\n%r\nnot\n%r" % (actual, expected)


def main():
    expected = handmade()
    actual = written()
    assert actual == expected, "safetensors_io output differs from the hand-built bytes:\n%r\n%r" % (actual, expected)
    check_reader(expected)
    check_scalar()
    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        with open(sys.argv[2], "wb") as out:
            out.write(expected)
    print("safetensors_io writes and reads the hand-built file (%d bytes)" % len(expected))


if __name__ == "__main__":
    main()
