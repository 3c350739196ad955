package dev.burnj.backend.cpu;

/** SKELETON: the binary elementwise ops. */
enum BinaryOp {
    ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, POW, REMAINDER, AND, OR, XOR
}
