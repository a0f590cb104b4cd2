package org.openpbr.costing.period;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.postgresql.copy.CopyIn;

/**
 * Rows for PostgreSQL's binary COPY format, buffered: the server then parses no text (dates and
 * numbers arrive as their values), which took a quarter off the load (docs/measurements.md).
 * Every row starts with the period and upload it belongs to. Text written here has been checked
 * to be ASCII, so each character is one byte.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };
    /** 2000-01-01, PostgreSQL's day zero, as a day of the Unix epoch. */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final int TEXT_OID = 25;

    private final CopyIn copy;
    private final long periodId;
    private final long uploadId;
    private final byte[] buffer = new byte[1 << 18];
    private int used;

    BinaryCopy(CopyIn copy, long periodId, long uploadId) {
        this.copy = copy;
        this.periodId = periodId;
        this.uploadId = uploadId;
        System.arraycopy(SIGNATURE, 0, buffer, 0, SIGNATURE.length);
        used = SIGNATURE.length;
        putInt(0); // flags
        putInt(0); // header extension length
    }

    /** Starts a row of {@code fields} values after the period and upload. */
    void row(int fields) throws SQLException {
        room(2 + 24);
        putShort(fields + 2);
        int8(periodId);
        int8(uploadId);
    }

    void int8(long value) throws SQLException {
        room(12);
        putInt(8);
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    void int4(int value) throws SQLException {
        room(8);
        putInt(4);
        putInt(value);
    }

    void date(LocalDate day) throws SQLException {
        int4((int) (day.toEpochDay() - POSTGRES_EPOCH_DAY));
    }

    void text(String ascii) throws SQLException {
        room(4 + ascii.length());
        putInt(ascii.length());
        putAscii(ascii);
    }

    /** A one-dimensional text[] with no nulls. */
    void textArray(List<String> ascii) throws SQLException {
        int length = 20;
        for (String s : ascii) {
            length += 4 + s.length();
        }
        room(4 + length);
        putInt(length);
        putInt(1); // dimensions
        putInt(0); // no nulls
        putInt(TEXT_OID);
        putInt(ascii.size());
        putInt(1); // lower bound
        for (String s : ascii) {
            putInt(s.length());
            putAscii(s);
        }
    }

    /** Writes the trailer and what is buffered; the caller then ends the COPY. */
    void finish() throws SQLException {
        room(2);
        putShort(-1);
        flush();
    }

    private void room(int bytes) throws SQLException {
        if (used + bytes > buffer.length) {
            flush();
        }
        if (bytes > buffer.length) {
            throw new IllegalArgumentException("a value of " + bytes + " bytes is larger than the copy buffer");
        }
    }

    private void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }

    private void putShort(int value) {
        buffer[used++] = (byte) (value >>> 8);
        buffer[used++] = (byte) value;
    }

    private void putInt(int value) {
        buffer[used++] = (byte) (value >>> 24);
        buffer[used++] = (byte) (value >>> 16);
        buffer[used++] = (byte) (value >>> 8);
        buffer[used++] = (byte) value;
    }

    private void putAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            buffer[used++] = (byte) s.charAt(i);
        }
    }
}
