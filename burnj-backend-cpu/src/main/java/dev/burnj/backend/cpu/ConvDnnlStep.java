package dev.burnj.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;

/**
 * One or more oneDNN primitives bound to their tensors, built once and run many times. Each tensor is a plain
 * row-major tensor of ours, wrapped in place as a oneDNN memory whose data handle is set per run. When a primitive
 * wants another layout (oneDNN's blocked formats) the step owns a buffer in that layout and a reorder between the two,
 * run before the primitives for inputs and after them for outputs; primitives that want an input in the same layout
 * share one reorder of it (the two backward passes both read the output gradient). Runs are serialised: the buffers
 * are shared. Each step has its own stream, so that different steps (the pieces of a split convolution) run at once.
 */
final class ConvDnnlStep {
    /** One of our tensors, and the layouts the primitives read it in (or the one they write it in). */
    private static final class Tensor {
        final memory plain;
        final memory.desc plainDesc;
        final boolean output;
        final List<memory> inner = new ArrayList<>();
        final List<reorder> copies = new ArrayList<>();

        Tensor(memory.desc plainDesc, boolean output) {
            this.plainDesc = plainDesc;
            this.plain = new memory(plainDesc, Dnnl.get().engine(), null);
            this.output = output;
        }

        /** The memory a primitive should use to read or write this tensor as {@code wanted}. */
        memory as(memory.desc wanted) {
            if (wanted.equals(plainDesc)) {
                return plain;
            }
            for (memory m : inner) {
                if (m.get_desc().equals(wanted)) {
                    return m;
                }
            }
            memory m = new memory(wanted, Dnnl.get().engine());
            inner.add(m);
            copies.add(output ? new reorder(m, plain) : new reorder(plain, m));
            return m;
        }
    }

    private final List<Tensor> tensors = new ArrayList<>();
    private final List<primitive> ops = new ArrayList<>();
    private final List<IntMemoryMap> args = new ArrayList<>();
    private final stream stream = new stream(Dnnl.get().engine());

    /** Declares the next input tensor, laid out as {@code plain}; returns its index. */
    int input(memory.desc plain) {
        tensors.add(new Tensor(plain, false));
        return tensors.size() - 1;
    }

    /** Declares the next output tensor, laid out as {@code plain}; returns its index. */
    int output(memory.desc plain) {
        tensors.add(new Tensor(plain, true));
        return tensors.size() - 1;
    }

    /** Appends a primitive; the following {@link #bind} calls give its arguments. */
    ConvDnnlStep then(primitive op) {
        ops.add(op);
        args.add(new IntMemoryMap());
        return this;
    }

    /** Gives the last primitive scratch memory of its own, as its attributes ask (nothing when it needs none). */
    ConvDnnlStep scratchpad(memory.desc wanted) {
        if (wanted.get_size() > 0) {
            args.get(args.size() - 1).put(dnnl.DNNL_ARG_SCRATCHPAD, new memory(wanted, Dnnl.get().engine()));
        }
        return this;
    }

    /** Passes tensor {@code tensor}, in the layout {@code wanted}, as argument {@code arg} of the last primitive. */
    ConvDnnlStep bind(int arg, int tensor, memory.desc wanted) {
        args.get(args.size() - 1).put(arg, tensors.get(tensor).as(wanted));
        return this;
    }

    /** Runs the primitives on tensors at {@code addresses}, one per declared tensor in declaration order. */
    synchronized void run(long... addresses) {
        if (addresses.length != tensors.size()) {
            throw new IllegalArgumentException("cpu: a oneDNN step of " + tensors.size() + " tensors got " + addresses.length);
        }
        stream s = stream;
        for (int i = 0; i < addresses.length; i++) {
            Tensor t = tensors.get(i);
            t.plain.set_data_handle(Dnnl.pointer(addresses[i]));
            if (!t.output) {
                for (int k = 0; k < t.copies.size(); k++) {
                    t.copies.get(k).execute(s, t.plain, t.inner.get(k));
                }
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            ops.get(i).execute(s, args.get(i));
        }
        for (Tensor t : tensors) {
            if (t.output) {
                for (int k = 0; k < t.copies.size(); k++) {
                    t.copies.get(k).execute(s, t.inner.get(k), t.plain);
                }
            }
        }
        s._wait();
    }
}
