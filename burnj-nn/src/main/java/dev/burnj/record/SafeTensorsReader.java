package dev.burnj.record;

import dev.burnj.tensor.TensorData;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open safetensors file whose header has been validated: lists the tensors and reads them one at a time, so a
 * large checkpoint never has to fit in memory twice. F16 and BF16 tensors are read as F32 (exactly). Not thread-safe.
 */
public final class SafeTensorsReader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final SafeTensorsHeader header;
    private final Map<String, TensorEntry> byName = new LinkedHashMap<>();

    private SafeTensorsReader(Path file, FileChannel channel, SafeTensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        header.entries().forEach(e -> byName.put(e.name(), e));
    }

    /** Opens {@code file} and validates its header; throws {@link MalformedSafeTensorsException} if it is malformed. */
    public static SafeTensorsReader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new SafeTensorsReader(file, channel, SafeTensorsHeader.read(channel, file));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** Every tensor, in header order. */
    public List<TensorEntry> entries() {
        return header.entries();
    }

    /** The tensor named {@code name}, if the file has one. */
    public Optional<TensorEntry> entry(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The header's {@code __metadata__}; empty if there is none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Reads the tensor named {@code name}. */
    public TensorData read(String name) throws IOException {
        TensorEntry entry = byName.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(file + ": no tensor named '" + name + "'; the file has " + byName.keySet());
        }
        return ElementCodec.read(channel, header.dataStart() + entry.begin(), entry, file);
    }

    /** Reads every tensor, with the metadata. */
    public NamedTensors readAll() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (String name : byName.keySet()) {
            tensors.put(name, read(name));
        }
        return NamedTensors.of(tensors, metadata());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
