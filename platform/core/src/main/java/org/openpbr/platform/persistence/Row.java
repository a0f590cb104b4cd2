package org.openpbr.platform.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

/**
 * One row of a native query, read by column name (never by position), with the conversions the
 * PostgreSQL driver needs. Make the query with {@code em.createNativeQuery(sql, Tuple.class)} and
 * name every computed column ({@code count(*) as episodes}).
 */
public final class Row {

    private final Tuple tuple;

    private Row(Tuple tuple) {
        this.tuple = tuple;
    }

    /** Every row of a query made with {@code Tuple.class}. */
    @SuppressWarnings("unchecked")
    public static List<Row> all(Query query) {
        return ((List<Tuple>) query.getResultList()).stream().map(Row::new).toList();
    }

    /** The first row, if any. */
    public static Optional<Row> first(Query query) {
        List<Row> rows = all(query.setMaxResults(1));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public Object value(String column) {
        return tuple.get(column);
    }

    public String text(String column) {
        return (String) value(column);
    }

    public BigDecimal decimal(String column) {
        Object value = value(column);
        return value == null || value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
    }

    /** A whole-number column that is never null. */
    public long whole(String column) {
        return ((Number) value(column)).longValue();
    }

    /** A whole-number column that is never null and fits an int. */
    public int integer(String column) {
        return Math.toIntExact(whole(column));
    }

    public Integer integerOrNull(String column) {
        Object value = value(column);
        return value == null ? null : Math.toIntExact(((Number) value).longValue());
    }

    public Long wholeOrNull(String column) {
        Object value = value(column);
        return value == null ? null : ((Number) value).longValue();
    }

    public boolean flag(String column) {
        return (Boolean) value(column);
    }

    public Boolean flagOrNull(String column) {
        return (Boolean) value(column);
    }

    public LocalDate date(String column) {
        return NativeRows.date(value(column));
    }

    public Instant instant(String column) {
        return NativeRows.instant(value(column));
    }

    public UUID uuid(String column) {
        return (UUID) value(column);
    }
}
