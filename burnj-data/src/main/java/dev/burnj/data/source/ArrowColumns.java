package dev.burnj.data.source;

import java.util.List;

/**
 * Which columns of an Arrow file are the features and which is the label: either one fixed-size-list column of
 * floats (F32 or F64) or several scalar float columns, concatenated in the given order; the label is an integer
 * column (8, 16, 32 or 64 bit).
 *
 * @param features the feature column names
 * @param label the label column name
 */
public record ArrowColumns(List<String> features, String label) {
    public ArrowColumns {
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("ArrowColumns: need at least one feature column");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("ArrowColumns: need a label column");
        }
    }

    /** One column of fixed-size float lists plus a label column (what {@link ArrowWriter} writes). */
    public static ArrowColumns of(String featureList, String label) {
        return new ArrowColumns(List.of(featureList), label);
    }

    /** Several scalar float columns plus a label column. */
    public static ArrowColumns of(List<String> floatColumns, String label) {
        return new ArrowColumns(floatColumns, label);
    }
}
