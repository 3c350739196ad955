package dev.burnj.data.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a dataset's files on disk. With an explicit directory only that directory is searched (a path the user
 * gave should not silently fall back to other data); otherwise, in order:
 * <ol>
 *   <li>{@code <root>/<dataset>} where root is the environment variable {@code BURNJ_DATA}, else the system
 *       property {@code burnj.data};
 *   <li>the dataset's system directories (a Debian package's, e.g. {@code /usr/share/datasets/fashion-mnist});
 *   <li>the user cache {@code ~/.burnj/data/<dataset>}, where downloads go.
 * </ol>
 * A directory matches when it has every file, each either as {@code name} or gzip-compressed as {@code name.gz}.
 *
 * @param dataRoot the {@code BURNJ_DATA} root, or null
 * @param cacheRoot the download cache root
 */
public record DataLocator(Path dataRoot, Path cacheRoot) {
    /** The environment variable naming a directory with one subdirectory per dataset. */
    public static final String ENV = "BURNJ_DATA";

    /** The locations of this process: {@code BURNJ_DATA} (or {@code -Dburnj.data}) and {@code ~/.burnj/data}. */
    public static DataLocator fromEnvironment() {
        String root = System.getenv(ENV);
        if (root == null || root.isBlank()) {
            root = System.getProperty("burnj.data");
        }
        Path dataRoot = root == null || root.isBlank() ? null : Path.of(root);
        return new DataLocator(dataRoot, Path.of(System.getProperty("user.home"), ".burnj", "data"));
    }

    /** The cache directory of {@code dataset}, where {@code download} writes. */
    public Path cacheDir(String dataset) {
        return cacheRoot.resolve(dataset);
    }

    /** The directories searched for {@code dataset}, in order. */
    public List<Path> searchPath(String dataset, Path explicitDir, List<Path> systemDirs) {
        List<Path> dirs = new ArrayList<>();
        if (explicitDir != null) {
            dirs.add(explicitDir);
            return dirs;
        }
        if (dataRoot != null) {
            dirs.add(dataRoot.resolve(dataset));
        }
        dirs.addAll(systemDirs);
        dirs.add(cacheDir(dataset));
        return dirs;
    }

    /**
     * The files {@code names} of {@code dataset} from the first directory that has them all, in the order of
     * {@code names}.
     *
     * @throws DataNotFoundException listing every directory searched and {@code howToGet}
     */
    public List<Path> locate(String dataset, Path explicitDir, List<Path> systemDirs, List<String> names, String howToGet) {
        List<Path> searched = searchPath(dataset, explicitDir, systemDirs);
        for (Path dir : searched) {
            List<Path> found = find(dir, names);
            if (found != null) {
                return found;
            }
        }
        StringBuilder message = new StringBuilder(dataset + ": files " + names + " (each raw or as .gz) not found. Looked in:");
        for (Path dir : searched) {
            message.append("\n  ").append(dir).append(Files.isDirectory(dir) ? " (incomplete)" : " (no such directory)");
        }
        if (explicitDir == null && dataRoot == null) {
            message.append("\n  (").append(ENV).append(" / -Dburnj.data not set)");
        }
        message.append("\nTo get the data: ").append(howToGet);
        throw new DataNotFoundException(message.toString());
    }

    private static List<Path> find(Path dir, List<String> names) {
        List<Path> found = new ArrayList<>();
        for (String name : names) {
            Path gz = dir.resolve(name + ".gz");
            Path raw = dir.resolve(name);
            if (Files.isRegularFile(gz)) {
                found.add(gz);
            } else if (Files.isRegularFile(raw)) {
                found.add(raw);
            } else {
                return null;
            }
        }
        return found;
    }
}
