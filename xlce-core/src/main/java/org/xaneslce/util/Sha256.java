package org.xaneslce.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 hex digests. */
public final class Sha256 {
    private Sha256() {
    }

    /** Hex digest of bytes. */
    public static String of(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder b = new StringBuilder();
            for (byte x : d) {
                b.append(String.format("%02x", x));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex digest of a string's UTF-8 bytes. */
    public static String of(String s) {
        return of(s.getBytes(StandardCharsets.UTF_8));
    }
}
