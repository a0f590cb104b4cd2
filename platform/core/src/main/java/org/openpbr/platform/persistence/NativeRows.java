package org.openpbr.platform.persistence;

import java.sql.Date;
import java.time.LocalDate;

/** Reading values from native-query rows, whose date columns the driver may hand back as java.sql.Date. */
public final class NativeRows {

    private NativeRows() {
    }

    /** A date column's value as a LocalDate; null stays null. */
    public static LocalDate date(Object value) {
        return value instanceof Date sql ? sql.toLocalDate() : (LocalDate) value;
    }
}
