"""Pins safetensors_io to the format description: a file built by hand with struct.pack and literal JSON must equal
the writer's output byte for byte. With --write PATH it also stores the hand-built file (the Java side reads it)."""

import struct
import sys

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


def written():
    tensors = {
        "w": np.array([[1.5, -2.0], [0.25, 1e-300]], dtype=np.float64),
        "v": np.array([3.0, -0.5, 1024.0], dtype=np.float32),
        "i": np.array([-7, 2**40 + 3], dtype=np.int64),
        "m": np.array([True, False, True]),
    }
    return safetensors_io.encode(tensors, {"what": "handmade", "n": "3"})


def main():
    expected = handmade()
    actual = written()
    assert actual == expected, "safetensors_io output differs from the hand-built bytes:\n%r\n%r" % (actual, expected)
    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        with open(sys.argv[2], "wb") as out:
            out.write(expected)
    print("safetensors_io matches the hand-built file (%d bytes)" % len(expected))


if __name__ == "__main__":
    main()
