package dev.burnj.backend.cpu;

/** SKELETON: the unary elementwise ops. */
enum UnaryOp {
    NEG, ABS, SIGN, EXP, LOG, LOG1P, SQRT, RSQRT, RECIP, SIN, COS, TANH, ERF, FLOOR, CEIL, ROUND, RELU, SIGMOID
}
