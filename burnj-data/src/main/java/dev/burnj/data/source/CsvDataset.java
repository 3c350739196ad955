package dev.burnj.data.source;

import dev.burnj.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The numeric rows of a CSV file, one {@code float[]} of the selected columns per row. The file is parsed when the
 * dataset is created, so a malformed cell fails early with its line and column. Fields may be double-quoted (with
 * {@code ""} for a quote); a field cannot span lines. Blank lines are skipped.
 */
public final class CsvDataset implements Dataset<float[]> {
    private final Path file;
    private final List<String> columnNames;
    private final float[][] rows;

    private CsvDataset(Path file, List<String> columnNames, float[][] rows) {
        this.file = file;
        this.columnNames = columnNames;
        this.rows = rows;
    }

    /** Reads {@code file} as {@code config} says. */
    public static CsvDataset read(Path file, CsvConfig config) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, reader, config);
        } catch (IOException e) {
            throw new UncheckedIOException("CSV: cannot read " + file + ": " + e, e);
        }
    }

    /** The names of the kept columns (header names, or {@code column<i>} without a header). */
    public List<String> columnNames() {
        return columnNames;
    }

    @Override
    public float[] get(int index) {
        return rows[Dataset.checkIndex(index, rows.length, this)].clone();
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public String toString() {
        return "CsvDataset(" + file + ", " + rows.length + " rows x " + columnNames.size() + " columns)";
    }

    private static CsvDataset parse(Path file, BufferedReader reader, CsvConfig config) throws IOException {
        int lineNumber = 0;
        List<String> header = null;
        int[] selected = null;
        List<String> names = null;
        int width = -1;
        List<float[]> rows = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = split(file, line, lineNumber, config.delimiter());
            if (config.header() && header == null) {
                header = fields;
                width = fields.size();
                continue;
            }
            if (width < 0) {
                width = fields.size();
            }
            if (fields.size() != width) {
                throw new InvalidDataException(file, "line " + lineNumber, "expected " + width + " fields" + (header != null ? " like the header" : " like the first row")
                        + ", found " + fields.size());
            }
            if (selected == null) {
                selected = select(file, config, header, width);
                names = namesOf(header, selected);
            }
            float[] row = new float[selected.length];
            for (int k = 0; k < selected.length; k++) {
                String cell = fields.get(selected[k]).strip();
                try {
                    row[k] = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new InvalidDataException(file, "line " + lineNumber + ", column " + (selected[k] + 1) + " ('" + names.get(k) + "')",
                            "expected a number, found '" + cell + "'", e);
                }
            }
            rows.add(row);
        }
        if (names == null) {
            // No data rows: the header alone still tells which columns there would be.
            names = header == null ? List.of() : namesOf(header, select(file, config, header, width));
        }
        return new CsvDataset(file, List.copyOf(names), rows.toArray(new float[0][]));
    }

    private static List<String> namesOf(List<String> header, int[] selected) {
        List<String> names = new ArrayList<>();
        for (int column : selected) {
            names.add(header != null ? header.get(column) : "column" + column);
        }
        return names;
    }

    private static int[] select(Path file, CsvConfig config, List<String> header, int width) {
        if (config.columns().isEmpty()) {
            int[] all = new int[width];
            for (int i = 0; i < width; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] selected = new int[config.columns().size()];
        for (int k = 0; k < selected.length; k++) {
            String column = config.columns().get(k);
            int index = header == null ? -1 : header.indexOf(column);
            if (index < 0 && column.matches("\\d+")) {
                index = Integer.parseInt(column);
            }
            if (index < 0 || index >= width) {
                throw new InvalidDataException(file, header != null ? "line 1 (header)" : "line 1", "expected a column '" + column + "' (a header name"
                        + " or an index below " + width + "), found columns " + (header != null ? header : width + " unnamed"));
            }
            selected[k] = index;
        }
        return selected;
    }

    private static List<String> split(Path file, String line, int lineNumber, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InvalidDataException(file, "line " + lineNumber, "expected a closing quote before the end of the line");
        }
        fields.add(field.toString());
        return fields;
    }
}
