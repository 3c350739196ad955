package dev.burnj.nn;

import java.util.Map;

/** The text table behind {@link Module#summary()}. */
final class ModuleSummary {
    private ModuleSummary() {}

    static String of(Module module) {
        Map<String, StateTensor<?>> state = module.namedState();
        int nameWidth = "name".length();
        int shapeWidth = "shape".length();
        for (Map.Entry<String, StateTensor<?>> e : state.entrySet()) {
            nameWidth = Math.max(nameWidth, e.getKey().length());
            shapeWidth = Math.max(shapeWidth, e.getValue().shape().toString().length());
        }
        String row = "%-" + nameWidth + "s  %-" + shapeWidth + "s  %12s  %s%n";
        StringBuilder sb = new StringBuilder(module.getClass().getSimpleName()).append('\n');
        sb.append(String.format(row, "name", "shape", "params", "trainable"));
        long total = 0;
        long trainable = 0;
        for (Map.Entry<String, StateTensor<?>> e : state.entrySet()) {
            StateTensor<?> s = e.getValue();
            String kind = s instanceof Param<?> p ? (p.isTrainable() ? "yes" : "no (frozen)") : "no (buffer)";
            sb.append(String.format(row, e.getKey(), s.shape(), String.format("%,d", s.numel()), kind));
            if (s instanceof Param<?> p) {
                total += p.numel();
                trainable += p.isTrainable() ? p.numel() : 0;
            }
        }
        sb.append(String.format("total params: %,d (trainable %,d, frozen %,d)%n", total, trainable, total - trainable));
        return sb.toString();
    }
}
