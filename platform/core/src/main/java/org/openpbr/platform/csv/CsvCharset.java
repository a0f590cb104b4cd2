package org.openpbr.platform.csv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import jakarta.ws.rs.core.MediaType;

import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/**
 * The character set a CSV body is written in: the Content-Type's charset parameter, UTF-8 when
 * there is none (spreadsheets on Windows save windows-1252 and say so only if the sender does).
 */
public final class CsvCharset {

    private CsvCharset() {
    }

    /**
     * A small body as text in its character set; bytes that are not text in it refuse the file
     * (decoding them as replacement characters would store names nobody wrote).
     */
    public static String text(byte[] body, MediaType type, String file) {
        Charset charset = of(type);
        try {
            return strictDecoder(charset).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            CsvFaults faults = new CsvFaults();
            faults.add(1, null, notText(charset));
            throw faults.problem(file);
        }
    }

    /** A decoder that refuses bytes that are not text in the charset, instead of replacing them. */
    public static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    public static String notText(Charset charset) {
        return "the file is not " + charset.name() + " text (send UTF-8, or name the file's character set in the"
                + " Content-Type, e.g. text/csv; charset=windows-1252)";
    }

    public static Charset of(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The character set " + name.strip()
                    + " is not known; send the file as UTF-8, or name its character set (e.g. windows-1252, ISO-8859-1)");
        }
    }
}
