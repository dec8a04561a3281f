package io.tcbill.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The entry count a ZIP's end-of-central-directory record declares, read before the archive is opened: the ZIP reader
 * keeps an object per entry in memory, so a pack declaring millions of entries is refused before they are read. (An
 * archive that declares fewer entries than it holds is still counted entry by entry once it is open.)
 */
final class PackDirectory {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int END_LENGTH = 22;
    private static final int MAX_COMMENT = 0xffff;

    private PackDirectory() {
    }

    /** The declared number of entries, or -1 when no end record is found (the ZIP reader then says what is wrong). */
    static long declaredEntries(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, END_LENGTH + MAX_COMMENT);
            ByteBuffer buffer = read(channel, size - tail, tail);
            for (int at = tail - END_LENGTH; at >= 0; at--) {
                if (buffer.getInt(at) == END_SIGNATURE) {
                    long entries = Short.toUnsignedInt(buffer.getShort(at + 10));
                    long end = size - tail + at;
                    return entries == 0xffff && end >= 20 ? zip64Entries(channel, end, entries) : entries;
                }
            }
            return -1;
        }
    }

    private static long zip64Entries(FileChannel channel, long end, long entries) throws IOException {
        ByteBuffer locator = read(channel, end - 20, 20);
        if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            return entries;
        }
        long offset = locator.getLong(8);
        if (offset < 0 || offset + 40 > channel.size()) {
            return entries;
        }
        ByteBuffer record = read(channel, offset, 40);
        return record.getInt(0) == ZIP64_END_SIGNATURE ? record.getLong(32) : entries;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // read until full or at the end
        }
        return buffer.flip();
    }
}
