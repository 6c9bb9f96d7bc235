package org.xaneslce.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reading text inputs: gzip is undone transparently, the bytes are decoded as UTF-8 (Latin-1 on failure). */
public final class TextFiles {
    private TextFiles() {
    }

    /** The largest input read, bytes (also after gunzip): spectrum and structure files are far smaller. */
    public static final long MAX_BYTES = 64L << 20;

    /** The file's text; gzip-compressed files are decompressed. Files over {@link #MAX_BYTES} are refused unread. */
    public static String read(Path file) throws InputException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InputException(file.toString(), 0, String.format(java.util.Locale.ROOT,
                    "file is %.1f MB; inputs larger than %d MB are refused (not a spectrum or structure file?)", size / 1048576.0, MAX_BYTES >> 20));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return decode(file.toString(), bytes);
    }

    /** Decodes bytes that may be gzip-compressed. */
    public static String decode(String source, byte[] bytes) throws InputException {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[65536];
                for (int k; (k = in.read(buf)) > 0; ) {
                    out.write(buf, 0, k);
                    if (out.size() > MAX_BYTES) {
                        throw new InputException(source, 0, "gzip data expands beyond " + (MAX_BYTES >> 20) + " MB; refused");
                    }
                }
                bytes = out.toByteArray();
            } catch (IOException e) {
                throw new InputException(source, 0, "gzip data is corrupt or truncated: " + e.getMessage());
            }
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) {
            s = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return s;
    }

    /** Parses a number, accepting a trailing standard uncertainty "1.234(5)"; NaN when it is none. */
    public static double parseNumber(String token) {
        if (token == null) {
            return Double.NaN;
        }
        String t = token.trim();
        int paren = t.indexOf('(');
        if (paren > 0 && t.endsWith(")")) {
            t = t.substring(0, paren);
        }
        if (t.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t.replace('D', 'E').replace('d', 'e'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
