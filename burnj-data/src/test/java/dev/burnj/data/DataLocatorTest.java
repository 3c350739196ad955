package dev.burnj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.source.DataLocator;
import dev.burnj.data.source.DataNotFoundException;
import dev.burnj.data.source.FashionMnistDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    private static final List<String> NAMES = List.of("a-idx1-ubyte", "b-idx3-ubyte");

    @TempDir
    Path tmp;

    private Path dirWith(String name, String... files) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : files) {
            Files.write(dir.resolve(f), new byte[] {0});
        }
        return dir;
    }

    @Test
    void searchOrderIsDataRootThenSystemThenCache() throws IOException {
        Path root = tmp.resolve("root");
        Path system = dirWith("system", "a-idx1-ubyte.gz", "b-idx3-ubyte");
        Path cache = tmp.resolve("cache");
        DataLocator locator = new DataLocator(root, cache);
        assertEquals(List.of(root.resolve("ds"), system, cache.resolve("ds")), locator.searchPath("ds", null, List.of(system)));
        assertEquals(List.of(system.resolve("a-idx1-ubyte.gz"), system.resolve("b-idx3-ubyte")), locator.locate("ds", null, List.of(system), NAMES, "x"));
        Path fromRoot = dirWith("root/ds", "a-idx1-ubyte", "b-idx3-ubyte");
        assertEquals(fromRoot.resolve("a-idx1-ubyte"), locator.locate("ds", null, List.of(system), NAMES, "x").get(0));
    }

    @Test
    void anExplicitDirectoryIsTheOnlyPlaceSearched() throws IOException {
        Path system = dirWith("system", "a-idx1-ubyte", "b-idx3-ubyte");
        Path explicit = dirWith("mine", "a-idx1-ubyte");
        DataLocator locator = new DataLocator(null, tmp.resolve("cache"));
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> locator.locate("ds", explicit, List.of(system), NAMES, "ask"));
        assertTrue(e.getMessage().contains(explicit + " (incomplete)") && !e.getMessage().contains(system.toString()), e.getMessage());
    }

    @Test
    void notFoundListsEveryPlaceAndHowToGetTheData() {
        Path missing = tmp.resolve("nowhere");
        DataLocator locator = new DataLocator(null, tmp.resolve("cache"));
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> locator.locate("ds", null, List.of(missing), NAMES, "apt-get install it"));
        String m = e.getMessage();
        assertTrue(m.contains(missing + " (no such directory)") && m.contains(tmp.resolve("cache").resolve("ds").toString()), m);
        assertTrue(m.contains("BURNJ_DATA / -Dburnj.data not set") && m.contains("To get the data: apt-get install it"), m);
        e = assertThrows(DataNotFoundException.class, () -> FashionMnistDataset.load(true, missing, locator));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist") && e.getMessage().contains("FashionMnistDataset.download()"),
                e.getMessage());
    }
}
