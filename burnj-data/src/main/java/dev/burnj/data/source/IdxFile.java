package dev.burnj.data.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file (the MNIST format) of unsigned bytes, raw or gzip-compressed: a header with the magic
 * {@code 00 00 08 <ndims>} and {@code ndims} big-endian dimensions, then the values in row-major order.
 *
 * <p>Reading never trusts the header with memory: for a raw file the dimensions must match the file length before
 * anything is allocated, and a gzip file's data is read in growing chunks, so a corrupt header that claims
 * gigabytes fails with a clear error instead of an {@code OutOfMemoryError}.
 *
 * @param file where the data came from
 * @param dims the dimensions from the header
 * @param data the values, {@code product(dims)} bytes
 */
public record IdxFile(Path file, int[] dims, byte[] data) {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMS = 8;
    private static final int CHUNK = 1 << 20;
    // Arrays cannot be quite Integer.MAX_VALUE long on every JVM.
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    /** Reads and validates {@code file}; gzip is recognised by its magic bytes, not by the name. */
    public static IdxFile read(Path file) {
        long fileSize;
        boolean gzip;
        try {
            fileSize = Files.size(file);
            gzip = isGzip(file);
        } catch (IOException e) {
            throw new UncheckedIOException("IDX: cannot read " + file + ": " + e, e);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return parse(file, in, gzip, fileSize);
        } catch (EOFException e) {
            throw new InvalidDataException(file, "gzip stream", "truncated: the compressed data ends early (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new InvalidDataException(file, "gzip stream", "corrupt compressed data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("IDX: cannot read " + file + ": " + e, e);
        }
    }

    /** The number of items: the first dimension. */
    public int count() {
        return dims[0];
    }

    private static IdxFile parse(Path file, InputStream in, boolean gzip, long fileSize) throws IOException {
        String unit = gzip ? "uncompressed byte " : "byte ";
        byte[] magic = readExactly(file, in, 4, 0, unit, "the 4-byte IDX magic");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new InvalidDataException(file, unit + 0, String.format("expected the IDX magic 00 00 <type> <ndims>, found %02x %02x %02x %02x",
                    magic[0], magic[1], magic[2], magic[3]));
        }
        if (magic[2] != UNSIGNED_BYTE) {
            throw new InvalidDataException(file, unit + 2, String.format("expected element type 0x08 (unsigned byte), found 0x%02x", magic[2]));
        }
        int ndims = magic[3] & 0xFF;
        if (ndims < 1 || ndims > MAX_DIMS) {
            throw new InvalidDataException(file, unit + 3, "expected 1 to " + MAX_DIMS + " dimensions, found " + ndims);
        }
        byte[] header = readExactly(file, in, 4 * ndims, 4, unit, ndims + " dimension sizes");
        int[] dims = new int[ndims];
        long total = 1;
        for (int d = 0; d < ndims; d++) {
            long size = ((header[4 * d] & 0xFFL) << 24) | ((header[4 * d + 1] & 0xFFL) << 16) | ((header[4 * d + 2] & 0xFFL) << 8)
                    | (header[4 * d + 3] & 0xFFL);
            if (size > MAX_ARRAY) {
                throw new InvalidDataException(file, unit + (4 + 4 * d), "dimension " + d + " is " + size + ", more than an array can hold");
            }
            dims[d] = (int) size;
            total *= size;
            if (total > MAX_ARRAY) {
                throw new InvalidDataException(file, unit + (4 + 4 * d), "header dims " + describe(dims, d + 1) + "... need more than "
                        + MAX_ARRAY + " bytes");
            }
        }
        long headerLength = 4 + 4L * ndims;
        if (!gzip && fileSize != headerLength + total) {
            throw new InvalidDataException(file, "byte " + headerLength, "header dims " + describe(dims, ndims) + " need " + total
                    + " data bytes after the " + headerLength + "-byte header, the file has " + (fileSize - headerLength));
        }
        byte[] data = gzip ? readGrowing(file, in, (int) total, headerLength) : readExactly(file, in, (int) total, headerLength, unit,
                "the data");
        if (in.read() != -1) {
            throw new InvalidDataException(file, unit + (headerLength + total), "header dims " + describe(dims, ndims)
                    + " account for all the data, but the file goes on");
        }
        return new IdxFile(file, dims, data);
    }

    private static byte[] readExactly(Path file, InputStream in, int length, long offset, String unit, String what) throws IOException {
        byte[] out = new byte[length];
        int read = 0;
        while (read < length) {
            int n = readChunk(file, in, out, read, length - read, unit + (offset + read), what);
            if (n < 0) {
                break;
            }
            read += n;
        }
        if (read < length) {
            throw new InvalidDataException(file, unit + (offset + read), "expected " + what + " (" + length + " bytes from " + unit + offset
                    + "), the file ends after " + read);
        }
        return out;
    }

    /** Reads {@code length} bytes allocating only as much as the stream really delivers (doubling up to the claim). */
    private static byte[] readGrowing(Path file, InputStream in, int length, long offset) throws IOException {
        byte[] out = new byte[Math.min(length, CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (filled == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(length, 2L * out.length));
            }
            int n = readChunk(file, in, out, filled, out.length - filled, "uncompressed byte " + (offset + filled), length + " data bytes");
            if (n < 0) {
                throw new InvalidDataException(file, "uncompressed byte " + (offset + filled), "expected " + length + " data bytes after the header, "
                        + "the stream ends after " + filled);
            }
            filled += n;
        }
        return out;
    }

    /** One read, turning a gzip stream's own errors into ones that say where the data broke off. */
    private static int readChunk(Path file, InputStream in, byte[] out, int off, int len, String position, String what) throws IOException {
        try {
            return in.read(out, off, len);
        } catch (EOFException e) {
            throw new InvalidDataException(file, position, "truncated gzip stream while reading " + what + " (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new InvalidDataException(file, position, "corrupt gzip data while reading " + what + " (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            return f.length() >= 2 && f.read() == 0x1f && f.read() == 0x8b;
        }
    }

    private static String describe(int[] dims, int n) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < n; d++) {
            s.append(d == 0 ? "" : "x").append(dims[d]);
        }
        return s.toString();
    }
}
