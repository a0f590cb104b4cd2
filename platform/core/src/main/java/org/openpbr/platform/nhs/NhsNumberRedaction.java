package org.openpbr.platform.nhs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces anything in free text that is a valid NHS number, in any usual written form. */
public final class NhsNumberRedaction {

    public static final String REPLACEMENT = "[NHS number redacted]";

    // Ten digits, optionally grouped 3-3-4, not inside a longer run of digits.
    private static final Pattern CANDIDATE = Pattern.compile("(?<!\\d)\\d{3}([ -]?)\\d{3}\\1\\d{4}(?!\\d)");

    private NhsNumberRedaction() {
    }

    public static String redact(String text) {
        if (text == null || text.length() < 10) {
            return text;
        }
        Matcher matcher = CANDIDATE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            if (NhsNumber.isValid(matcher.group())) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, matcher.start()).append(REPLACEMENT);
                last = matcher.end();
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }
}
