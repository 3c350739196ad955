package dev.burnj.data.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;

/**
 * Validates an Arrow IPC file's framing, footer and record-batch headers on the Java heap before Arrow reads it: the
 * magic at both ends, the footer length, the footer flatbuffer, every block's extent against the file size and
 * every batch header's buffers against its body. Arrow parses
 * the same bytes afterwards, so once this passes its reader neither fails on the footer nor allocates beyond the file.
 */
final class ArrowFooterCheck {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    // Leading magic + padding, then at the end: footer length (int32) + magic.
    private static final int LEADING = 8;
    private static final int TRAILING = 4 + 6;
    private static final int CONTINUATION = 0xFFFFFFFF;

    private ArrowFooterCheck() {}

    static List<ArrowBlock> recordBatches(Path file, long fileSize) {
        if (fileSize < LEADING + TRAILING) {
            throw new InvalidDataException(file, "byte 0", "expected an Arrow IPC file (at least " + (LEADING + TRAILING) + " bytes), found " + fileSize
                    + " bytes");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = read(channel, 0, 6);
            if (!head.equals(ByteBuffer.wrap(MAGIC))) {
                throw new InvalidDataException(file, "byte 0", "expected the Arrow file magic 'ARROW1'");
            }
            ByteBuffer tail = read(channel, fileSize - TRAILING, TRAILING).order(ByteOrder.LITTLE_ENDIAN);
            int footerLength = tail.getInt(0);
            if (!tail.position(4).slice().equals(ByteBuffer.wrap(MAGIC))) {
                throw new InvalidDataException(file, "byte " + (fileSize - 6), "expected the closing Arrow file magic 'ARROW1'");
            }
            long footerStart = fileSize - TRAILING - (long) footerLength;
            if (footerLength <= 0 || footerStart < LEADING) {
                throw new InvalidDataException(file, "byte " + (fileSize - TRAILING), "expected a footer length in [1, " + (fileSize - LEADING - TRAILING)
                        + "], found " + footerLength);
            }
            ArrowFooter footer;
            try {
                footer = new ArrowFooter(Footer.getRootAsFooter(read(channel, footerStart, footerLength)));
                footer.getSchema().getFields().forEach(field -> field.getType().getTypeID());
            } catch (RuntimeException e) {
                throw new InvalidDataException(file, "footer at byte " + footerStart, "expected a valid Arrow footer (" + e + ")", e);
            }
            List<ArrowBlock> blocks = new ArrayList<>(footer.getRecordBatches());
            List<ArrowBlock> all = new ArrayList<>(blocks);
            all.addAll(footer.getDictionaries());
            for (int b = 0; b < all.size(); b++) {
                ArrowBlock block = all.get(b);
                long end = block.getOffset() + block.getMetadataLength() + block.getBodyLength();
                if (block.getOffset() < LEADING || block.getMetadataLength() <= 0 || block.getBodyLength() < 0 || end > footerStart || end < 0) {
                    String name = b < blocks.size() ? "record batch " + b : "dictionary batch " + (b - blocks.size());
                    throw new InvalidDataException(file, name, "expected a block inside the file's " + footerStart + " data bytes, the footer says "
                            + "offset " + block.getOffset() + ", metadata " + block.getMetadataLength() + " and body " + block.getBodyLength() + " bytes");
                }
            }
            for (int b = 0; b < blocks.size(); b++) {
                checkMessage(file, channel, blocks.get(b), "record batch " + b);
            }
            return List.copyOf(blocks);
        } catch (IOException e) {
            throw new UncheckedIOException("Arrow: cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Parses a record batch's message header on the heap, touching every part Arrow's reader will read, and checks
     * each buffer against the body: Arrow leaks its metadata buffer when this header does not parse.
     */
    private static void checkMessage(Path file, FileChannel channel, ArrowBlock block, String where) throws IOException {
        ByteBuffer metadata = read(channel, block.getOffset(), block.getMetadataLength()).order(ByteOrder.LITTLE_ENDIAN);
        int prefix = metadata.remaining() >= 4 && metadata.getInt(0) == CONTINUATION ? 8 : 4;
        if (metadata.remaining() <= prefix) {
            throw new InvalidDataException(file, where, "expected a message header of more than " + prefix + " bytes, found "
                    + metadata.remaining());
        }
        try {
            Message message = Message.getRootAsMessage(metadata.position(prefix).slice().order(ByteOrder.LITTLE_ENDIAN));
            if (message.headerType() != MessageHeader.RecordBatch) {
                throw new InvalidDataException(file, where, "expected a record batch message, found message type " + message.headerType());
            }
            if (message.bodyLength() != block.getBodyLength()) {
                throw new InvalidDataException(file, where, "expected the message body length " + message.bodyLength() + " to match the footer's "
                        + block.getBodyLength());
            }
            RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
            if (batch == null || batch.length() < 0 || batch.length() > Integer.MAX_VALUE) {
                throw new InvalidDataException(file, where, "expected a row count in [0, " + Integer.MAX_VALUE + "], found "
                        + (batch == null ? "none" : batch.length()));
            }
            for (int n = 0; n < batch.nodesLength(); n++) {
                FieldNode node = batch.nodes(n);
                if (node.length() < 0 || node.length() > Integer.MAX_VALUE || node.nullCount() < 0 || node.nullCount() > node.length()) {
                    throw new InvalidDataException(file, where, "field node " + n + ": expected 0 <= nulls <= length <= " + Integer.MAX_VALUE
                            + ", found length " + node.length() + " with " + node.nullCount() + " nulls");
                }
            }
            for (int k = 0; k < batch.buffersLength(); k++) {
                Buffer buffer = batch.buffers(k);
                if (buffer.offset() < 0 || buffer.length() < 0 || buffer.offset() + buffer.length() > block.getBodyLength()) {
                    throw new InvalidDataException(file, where, "buffer " + k + ": expected a range inside the " + block.getBodyLength()
                            + "-byte body, found offset " + buffer.offset() + ", length " + buffer.length());
                }
            }
            if (batch.compression() != null) {
                throw new InvalidDataException(file, where, "expected an uncompressed record batch, found compression codec " + batch.compression().codec());
            }
            for (int k = 0; k < batch.variadicBufferCountsLength(); k++) {
                batch.variadicBufferCounts(k);
            }
        } catch (InvalidDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidDataException(file, where, "expected a valid record batch message header (" + e + ")", e);
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
