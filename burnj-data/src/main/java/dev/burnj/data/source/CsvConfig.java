package dev.burnj.data.source;

import java.util.List;

/**
 * How {@link CsvDataset} reads a file.
 *
 * @param delimiter the field separator (default {@code ','})
 * @param header whether the first line names the columns (default true)
 * @param columns the columns to keep, by header name or by 0-based index as a decimal string; empty keeps all
 */
public record CsvConfig(char delimiter, boolean header, List<String> columns) {
    public CsvConfig {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("CsvConfig: delimiter cannot be a quote or a line break");
        }
        columns = List.copyOf(columns);
    }

    /** Comma-separated with a header line, every column. */
    public static CsvConfig of() {
        return new CsvConfig(',', true, List.of());
    }

    public CsvConfig withDelimiter(char newDelimiter) {
        return new CsvConfig(newDelimiter, header, columns);
    }

    public CsvConfig withHeader(boolean newHeader) {
        return new CsvConfig(delimiter, newHeader, columns);
    }

    /** Keeps only {@code newColumns} (header names or 0-based indices), in that order. */
    public CsvConfig withColumns(String... newColumns) {
        return new CsvConfig(delimiter, header, List.of(newColumns));
    }
}
