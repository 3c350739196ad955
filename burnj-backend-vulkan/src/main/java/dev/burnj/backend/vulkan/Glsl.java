package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;

/**
 * The shared pieces of every generated kernel: the header, GLSL types of burnj dtypes, how a kernel reads its int
 * parameters, and the helper functions for the math that GLSL lacks or defines too loosely (floor division,
 * {@code log1p}, {@code erf}, an overflow-free {@code tanh}, {@code pow} of negative bases).
 *
 * <p>Device storage: F32 as {@code float}, I32 as {@code int}, I64 as {@code int64_t} and BOOL as one {@code uint}
 * per element (0 or 1), which keeps every kernel free of 8-bit storage extensions.
 */
final class Glsl {
    private Glsl() {}

    /** The dtypes this backend stores on the device (F64 only on devices with {@code shaderFloat64}). */
    static boolean stores(DType dtype) {
        return dtype == DType.F32 || dtype == DType.F64 || dtype == DType.I32 || dtype == DType.I64 || dtype == DType.BOOL;
    }

    static String type(DType dtype) {
        return switch (dtype) {
            case F32 -> "float";
            case F64 -> "double";
            case I32 -> "int";
            case I64 -> "int64_t";
            case BOOL -> "uint";
            default -> throw unsupported(dtype);
        };
    }

    /** Bytes per element on the device. */
    static int bytes(DType dtype) {
        return switch (dtype) {
            case F32, I32, BOOL -> 4;
            case I64, F64 -> 8;
            default -> throw unsupported(dtype);
        };
    }

    static IllegalArgumentException unsupported(DType dtype) {
        return new IllegalArgumentException("vulkan: dtype " + dtype + " is not supported (supported: F32, F64 where the device has shaderFloat64, I32, I64, BOOL)");
    }

    /** Version, extensions and the workgroup size of a kernel. */
    static String header(int localX, int localY) {
        return header(localX, localY, "");
    }

    /** {@link #header(int, int)} with more {@code #extension} lines (they must precede every declaration). */
    static String header(int localX, int localY, String extensions) {
        return "#version 450\n"
                + "#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require\n" + extensions
                + "layout(local_size_x = " + localX + ", local_size_y = " + localY + ", local_size_z = 1) in;\n"
                + "layout(std430, binding = 0) readonly buffer Params { int p[]; };\n";
    }

    /** A storage buffer declaration {@code name[]} of {@code dtype} at {@code binding}. */
    static String buffer(int binding, String name, DType dtype, boolean readonly) {
        return "layout(std430, binding = " + binding + ") " + (readonly ? "readonly " : "") + "buffer B" + binding + " { " + type(dtype)
                + " " + name + "[]; };\n";
    }

    /** A GLSL expression reading a scalar of {@code dtype} stored from parameter index {@code index} on. */
    static String scalar(DType dtype, String index) {
        return switch (dtype) {
            case F32 -> "intBitsToFloat(p[" + index + "])";
            case I32 -> "p[" + index + "]";
            case I64 -> "(int64_t(uint(p[" + index + "])) | (int64_t(p[" + index + " + 1]) << 32))";
            case F64 -> "packDouble2x32(uvec2(uint(p[" + index + "]), uint(p[" + index + " + 1])))";
            case BOOL -> "uint(p[" + index + "])";
            default -> throw unsupported(dtype);
        };
    }

    /** Parameter ints a scalar of {@code dtype} takes. */
    static int scalarInts(DType dtype) {
        return dtype == DType.I64 || dtype == DType.F64 ? 2 : 1;
    }

    /** The linear invocation index of a 1-D kernel dispatched over a 2-D grid (for more than 65535 groups). */
    static String linearIndex(int localX) {
        return "uint gid = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * " + localX + "u;\n";
    }

    /**
     * The start of a kernel over the elements of a shape, given parameters {@code n, rank, shape[rank]} followed by
     * {@code views} strided views (offset, strides[rank]): returns early past {@code n}, leaves the element offset
     * of invocation {@code gid} in each view in {@code off0, off1, ...}, and the index of the first parameter after
     * the views in {@code sb}.
     */
    static String stridedPrologue(int localX, int views) {
        return stridedPrologue(linearIndex(localX), views);
    }

    /**
     * {@link #stridedPrologue(int, int)} over workgroups instead of invocations: {@code gid} is the workgroup's index
     * in a 2-D grid, so that all invocations of a group work on the same element (one line of a reduction).
     */
    static String groupPrologue(int views) {
        return stridedPrologue("uint gid = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;\n  uint l = gl_LocalInvocationID.x;\n",
                views);
    }

    private static String stridedPrologue(String index, int views) {
        StringBuilder s = new StringBuilder("void main() {\n  ").append(index);
        s.append("  int n = p[0];\n  if (gid >= uint(n)) return;\n  int rank = p[1];\n  int vb = 2 + rank;\n  int vs = rank + 1;\n");
        for (int v = 0; v < views; v++) {
            s.append("  int off").append(v).append(" = p[vb + ").append(v).append(" * vs];\n");
        }
        s.append("  uint rem = gid;\n  for (int d = rank - 1; d >= 0; d--) {\n    uint size = uint(p[2 + d]);\n"
                + "    int i = int(rem % size);\n    rem /= size;\n");
        for (int v = 0; v < views; v++) {
            s.append("    off").append(v).append(" += i * p[vb + ").append(v).append(" * vs + 1 + d];\n");
        }
        return s.append("  }\n  int sb = vb + ").append(views).append(" * vs;\n").toString();
    }

    /** Element offset in the 4-D view whose offset and four strides start at parameter {@code b}. */
    static final String VIEW4 = "int v4(int b, int n, int c, int y, int x) { return p[b] + n * p[b + 1] + c * p[b + 2] + y * p[b + 3] + x * p[b + 4]; }\n";

    /** Decodes {@code gid} into the coordinates {@code n, c, y, x} of a contiguous {@code [N, C, H, W]} tensor. */
    static String decode4(String nC, String nH, String nW) {
        return decode4("gid", nC, nH, nW);
    }

    /** Decodes {@code index} into the coordinates {@code n, c, y, x} of a contiguous {@code [N, C, H, W]} tensor. */
    static String decode4(String index, String nC, String nH, String nW) {
        return "  int x = int(" + index + " % uint(" + nW + "));\n  uint t_ = " + index + " / uint(" + nW + ");\n  int y = int(t_ % uint(" + nH + "));\n"
                + "  t_ /= uint(" + nH + ");\n  int c = int(t_ % uint(" + nC + "));\n  int n = int(t_ / uint(" + nC + "));\n";
    }

    /**
     * Helper functions a kernel may call; the compiler drops the unused ones. The double library is added only to
     * kernels with F64 operands, so that other kernels never need {@code shaderFloat64}.
     */
    static String math(boolean f64) {
        return f64 ? MATH + DoubleMath.LIBRARY : MATH;
    }

    private static final String MATH = """
            int b_fdiv(int a, int b) { int q = a / b; if (q * b != a && ((a < 0) != (b < 0))) q -= 1; return q; }
            int64_t b_fdiv(int64_t a, int64_t b) { int64_t q = a / b; if (q * b != a && ((a < 0) != (b < 0))) q -= 1; return q; }
            int b_fmod(int a, int b) { return a - b_fdiv(a, b) * b; }
            int64_t b_fmod(int64_t a, int64_t b) { return a - b_fdiv(a, b) * b; }
            float b_nan() { return uintBitsToFloat(0x7fc00000u); }
            float b_exp(float x) { return exp(x); }
            float b_log(float x) { return log(x); }
            float b_sin(float x) { return sin(x); }
            float b_cos(float x) { return cos(x); }
            float b_log1p(float x) { float u = 1.0 + x; return u == 1.0 ? x : log(u) * (x / (u - 1.0)); }
            float b_tanh(float x) {
              float ax = abs(x);
              float t;
              if (ax < 0.625) {
                float z = x * x;
                return ((((-5.70498872745e-3 * z + 2.06390887954e-2) * z - 5.37397155531e-2) * z + 1.33314422036e-1) * z
                    - 3.33332819422e-1) * z * x + x;
              }
              t = ax > 10.0 ? 1.0 : 1.0 - 2.0 / (exp(2.0 * ax) + 1.0);
              return x < 0.0 ? -t : t;
            }
            float b_erf(float x) {
              float ax = abs(x);
              if (ax < 0.5) {
                float z = x * x;
                return 1.1283791670955126 * x * (1.0 + z * (-1.0 / 3.0 + z * (0.1 + z * (-1.0 / 42.0 + z * (1.0 / 216.0
                    + z * (-1.0 / 1320.0))))));
              }
              float t = 1.0 / (1.0 + 0.3275911 * ax);
              float poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
              float y = 1.0 - poly * exp(-ax * ax);
              return x < 0.0 ? -y : y;
            }
            float b_pow(float x, float y) {
              if (y == 0.0) return 1.0;
              if (y == 1.0) return x;
              if (y == 2.0) return x * x;
              if (y == 3.0) return x * x * x;
              if (y == -1.0) return 1.0 / x;
              if (y == 0.5) return sqrt(x);
              if (x == 0.0) return y < 0.0 ? uintBitsToFloat(0x7f800000u) : 0.0;
              if (x < 0.0) {
                if (floor(y) != y) return b_nan();
                float r = exp2(y * log2(-x));
                return mod(y, 2.0) == 1.0 ? -r : r;
              }
              return exp2(y * log2(x));
            }
            """;
}
