package org.openpbr.platform.disclosure;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The deployment's secret for pseudonyms: at least 32 random bytes, written in base64. Whoever
 * holds it can link a pseudonym to a person by trying NHS numbers, so it is never a value
 * published anywhere, and a service outside dev and test refuses to start without one.
 */
public final class PseudonymKey {

    public static final int MIN_BYTES = 32;
    /** Random 32-byte keys have about 30 distinct byte values; fewer than this is a typed or repeated text, not a key. */
    static final int MIN_DISTINCT_BYTES = 16;
    /**
     * The key dev and test use when none is configured. It is published here, so pseudonyms made
     * with it protect nothing; {@link #parse} refuses it for any other use.
     */
    public static final String DEV_AND_TEST_KEY = "b3BlbnBici1kZXYtYW5kLXRlc3Qtb25seS1wc2V1ZG9ueW0ta2V5IQ==";

    private final byte[] bytes;

    private PseudonymKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The key for a configured value, or why the value is not one (never echoing the value). */
    public static PseudonymKey parse(String base64) {
        return new PseudonymKey(decode(base64));
    }

    /** The key for dev and test: the configured one if there is one, otherwise the published dev key. */
    static PseudonymKey forDevAndTest(Optional<String> configured) {
        return configured.map(PseudonymKey::parse).orElseGet(() -> new PseudonymKey(decodeUnchecked(DEV_AND_TEST_KEY)));
    }

    byte[] bytes() {
        return bytes.clone();
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("no pseudonym key is configured (openpbr.disclosure.pseudonym-key,"
                    + " environment OPENPBR_DISCLOSURE_PSEUDONYM_KEY); generate one with: openssl rand -base64 32");
        }
        if (base64.strip().equals(DEV_AND_TEST_KEY)) {
            throw new IllegalArgumentException("the configured pseudonym key is the published dev-and-test key;"
                    + " generate a secret one with: openssl rand -base64 32");
        }
        byte[] bytes = decodeUnchecked(base64);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the pseudonym key has " + bytes.length + " bytes; at least " + MIN_BYTES
                    + " random bytes are needed (openssl rand -base64 32)");
        }
        if (distinct(bytes) < MIN_DISTINCT_BYTES) {
            throw new IllegalArgumentException("the pseudonym key does not look random (too few distinct byte values);"
                    + " generate one with: openssl rand -base64 32");
        }
        return bytes;
    }

    private static byte[] decodeUnchecked(String base64) {
        String text = base64.strip();
        try {
            return (text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                    .decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the pseudonym key is not base64; generate one with: openssl rand -base64 32");
        }
    }

    private static long distinct(byte[] bytes) {
        boolean[] seen = new boolean[256];
        long count = 0;
        for (byte b : bytes) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "PseudonymKey[redacted]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PseudonymKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
