package dev.burnj.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;

/**
 * One oneDNN primitive bound to its arguments, built once and run many times. Each argument is a plain row-major
 * tensor of ours, wrapped in place as a oneDNN memory whose data handle is set per run; when the primitive wants
 * another layout (oneDNN's blocked formats), the step owns a buffer in that layout and a reorder between the two,
 * run before the primitive for inputs and after it for outputs. Runs are serialised: the buffers are shared.
 */
final class ConvDnnlStep {
    private record Argument(memory plain, memory inner, reorder copy, boolean output) {}

    private final primitive op;
    private final IntMemoryMap args = new IntMemoryMap();
    private final List<Argument> arguments = new ArrayList<>();

    ConvDnnlStep(primitive op) {
        this.op = op;
    }

    /** Declares the next input: a plain tensor laid out as {@code plain} that the primitive reads as {@code wanted}. */
    ConvDnnlStep input(int arg, memory.desc plain, memory.desc wanted) {
        return bind(arg, plain, wanted, false);
    }

    /** Declares the next output: the primitive writes it as {@code wanted} into a plain tensor laid out as {@code plain}. */
    ConvDnnlStep output(int arg, memory.desc plain, memory.desc wanted) {
        return bind(arg, plain, wanted, true);
    }

    private ConvDnnlStep bind(int arg, memory.desc plain, memory.desc wanted, boolean output) {
        Dnnl dnnl = Dnnl.get();
        memory user = new memory(plain, dnnl.engine(), null);
        if (plain.equals(wanted)) {
            arguments.add(new Argument(user, null, null, output));
            args.put(arg, user);
        } else {
            memory inner = new memory(wanted, dnnl.engine());
            arguments.add(new Argument(user, inner, output ? new reorder(inner, user) : new reorder(user, inner), output));
            args.put(arg, inner);
        }
        return this;
    }

    /** Runs the primitive on tensors at {@code addresses}, one per declared argument in declaration order. */
    synchronized void run(long... addresses) {
        stream s = Dnnl.get().stream();
        for (int i = 0; i < addresses.length; i++) {
            Argument a = arguments.get(i);
            a.plain.set_data_handle(Dnnl.pointer(addresses[i]));
            if (a.copy != null && !a.output) {
                a.copy.execute(s, a.plain, a.inner);
            }
        }
        op.execute(s, args);
        for (Argument a : arguments) {
            if (a.copy != null && a.output) {
                a.copy.execute(s, a.inner, a.plain);
            }
        }
        s._wait();
    }
}
