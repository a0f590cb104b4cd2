package org.openpbr.platform.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Reading values from native-query rows, whose date and timestamp columns the driver may hand back as java.sql types. */
public final class NativeRows {

    private NativeRows() {
    }

    /** A date column's value as a LocalDate; null stays null. */
    public static LocalDate date(Object value) {
        return value instanceof Date sql ? sql.toLocalDate() : (LocalDate) value;
    }

    /** A timestamp column's value as an Instant; null stays null. */
    public static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value instanceof OffsetDateTime o ? o.toInstant()
                : (Instant) value;
    }
}
