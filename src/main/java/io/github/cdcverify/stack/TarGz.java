package io.github.cdcverify.stack;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a {@code .tar.gz} (a Debezium plugin archive) with the JDK alone: a user's test class path has no archive
 * library of ours. Reads ustar headers, GNU long names ({@code L}) and pax paths ({@code x}); regular files and
 * directories are written, links and devices skipped.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    /** Writes every directory and regular file of {@code archive} under {@code into}; refuses paths leading outside. */
    static void unpack(Path archive, Path into) throws IOException {
        try (InputStream tar = new GZIPInputStream(Files.newInputStream(archive), 65536)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readBlock(tar, header)) {
                if (isZero(header)) {
                    return;
                }
                String name = longName != null ? longName : headerName(header);
                longName = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                switch (type) {
                    case 'L' -> longName = trimNul(new String(readData(tar, size), StandardCharsets.UTF_8));
                    case 'x' -> longName = paxPath(readData(tar, size));
                    case '5' -> Files.createDirectories(inside(into, name));
                    case '0', '\0', '7' -> {
                        Path out = inside(into, name);
                        Files.createDirectories(out.getParent());
                        Files.copy(new BoundedStream(tar, size), out, StandardCopyOption.REPLACE_EXISTING);
                        skipPadding(tar, size);
                    }
                    default -> skip(tar, padded(size));
                }
            }
        }
    }

    private static Path inside(Path into, String name) throws IOException {
        Path out = into.resolve(name).normalize();
        if (!out.startsWith(into)) {
            throw new IOException("the archive's entry " + name + " points outside it");
        }
        return out;
    }

    private static String headerName(byte[] header) {
        String name = field(header, 0, 100);
        String prefix = "ustar".equals(field(header, 257, 5)) ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** A pax header's {@code path} record ({@code "LEN path=VALUE\n"}), or null when it has none. */
    private static String paxPath(byte[] data) {
        String records = new String(data, StandardCharsets.UTF_8);
        for (String record : records.split("\n")) {
            int key = record.indexOf(" path=");
            if (key >= 0) {
                return record.substring(key + " path=".length());
            }
        }
        return null;
    }

    private static String field(byte[] header, int offset, int length) {
        return trimNul(new String(header, offset, length, StandardCharsets.UTF_8));
    }

    private static String trimNul(String text) {
        int end = text.indexOf('\0');
        return end < 0 ? text : text.substring(0, end);
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        String digits = field(header, offset, length).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (size field '" + digits + "')");
        }
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new EOFException("the archive ends inside a header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        byte[] data = in.readNBytes(Math.toIntExact(size));
        if (data.length < size) {
            throw new EOFException("the archive ends inside an entry");
        }
        skipPadding(in, size);
        return data;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        skip(in, padded(size) - size);
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        in.skipNBytes(bytes);
    }

    /** The next {@code size} bytes of the archive: one entry's content. */
    private static final class BoundedStream extends InputStream {

        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the archive ends inside an entry");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read < 0) {
                throw new EOFException("the archive ends inside an entry");
            }
            left -= read;
            return read;
        }
    }
}
