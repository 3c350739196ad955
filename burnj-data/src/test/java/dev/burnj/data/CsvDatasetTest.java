package dev.burnj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.source.CsvConfig;
import dev.burnj.data.source.CsvDataset;
import dev.burnj.data.source.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void headerAndColumnSelection() throws IOException {
        Path file = write("a,b,\"c\"\n1,2.5,-3e2\n\n4,\"5\",6\n");
        CsvDataset all = CsvDataset.read(file, CsvConfig.of());
        assertEquals(List.of("a", "b", "c"), all.columnNames());
        assertEquals(2, all.size());
        assertArrayEquals(new float[] {1, 2.5f, -300}, all.get(0));
        CsvDataset picked = CsvDataset.read(file, CsvConfig.of().withColumns("c", "0"));
        assertEquals(List.of("c", "a"), picked.columnNames());
        assertArrayEquals(new float[] {6, 4}, picked.get(1));
    }

    @Test
    void delimiterWithoutHeader() throws IOException {
        Path file = write("1;2\n3;4\n");
        CsvDataset ds = CsvDataset.read(file, CsvConfig.of().withHeader(false).withDelimiter(';').withColumns("1"));
        assertEquals(List.of("column1"), ds.columnNames());
        assertArrayEquals(new float[] {4}, ds.get(1));
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        Path file = write("x,label\n1,2\n3,cat\n");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> CsvDataset.read(file, CsvConfig.of()));
        assertEquals(file + ": line 3, column 2 ('label'): expected a number, found 'cat'", e.getMessage());
    }

    @Test
    void raggedRowsUnknownColumnsAndOpenQuotes() throws IOException {
        Path ragged = write("x,y\n1,2\n3\n");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> CsvDataset.read(ragged, CsvConfig.of()));
        assertTrue(e.getMessage().contains("line 3: expected 2 fields like the header, found 1"), e.getMessage());
        Path ok = write("x,y\n1,2\n");
        e = assertThrows(InvalidDataException.class, () -> CsvDataset.read(ok, CsvConfig.of().withColumns("z")));
        assertTrue(e.getMessage().contains("expected a column 'z'") && e.getMessage().contains("[x, y]"), e.getMessage());
        Path quote = write("x\n\"1\n");
        e = assertThrows(InvalidDataException.class, () -> CsvDataset.read(quote, CsvConfig.of()));
        assertTrue(e.getMessage().contains("line 2: expected a closing quote"), e.getMessage());
    }
}
