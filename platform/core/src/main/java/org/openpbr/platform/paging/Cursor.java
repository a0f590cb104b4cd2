package org.openpbr.platform.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;

/**
 * An opaque position in a list ordered by a monotonic sequence: the last sequence the caller has
 * seen. Opaque so that we may change what it holds without breaking callers; a cursor from an
 * older format, or a made-up one, is a 400, never a silent restart from the beginning.
 */
public final class Cursor {

    private static final String PREFIX = "s1:";

    private Cursor() {
    }

    public static String encode(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + sequence).getBytes(StandardCharsets.US_ASCII));
    }

    /** The sequence after which the next page starts; 400 problem for anything we did not issue. */
    public static long decode(String cursor, String parameterName) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                String digits = text.substring(PREFIX.length());
                if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Long.parseLong(digits);
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through: not base64url, or a number beyond the range of sequences
        }
        throw ProblemException.invalid(List.of(new FieldError(parameterName,
                "is not a cursor this endpoint issued; use the 'next' link of a previous page")));
    }
}
