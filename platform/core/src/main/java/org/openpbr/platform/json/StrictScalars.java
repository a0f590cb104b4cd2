package org.openpbr.platform.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Scalars read exactly as they are written, or not at all: a string only from a JSON string (never
 * from {@code 5} or {@code true}), a boolean only from {@code true}/{@code false} (never {@code 1}),
 * whole numbers only from JSON integers, a date only as {@code YYYY-MM-DD} between 1900 and 2100
 * (never an epoch-day number or a date-time cut short), a date-time only with its offset, and no
 * text with a NUL character (PostgreSQL cannot store one) or longer than {@value #MAX_TEXT}. Every refusal goes through Jackson's
 * problem handlers, so {@link JsonFaults} can report all of a body's faults at once.
 */
public final class StrictScalars {

    /** No field of the API needs more; a longer text is a mistake or an attack, refused before any rule reads it. */
    public static final int MAX_TEXT = 10_000;
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2100, 12, 31);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private StrictScalars() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("openpbr-strict-scalars");
        module.addDeserializer(String.class, new Text());
        module.addDeserializer(Boolean.class, new Flag(Boolean.class));
        module.addDeserializer(Integer.class, new Whole<>(Integer.class, BigInteger::intValueExact));
        module.addDeserializer(Long.class, new Whole<>(Long.class, BigInteger::longValueExact));
        module.addDeserializer(BigDecimal.class, new Decimal());
        module.addDeserializer(LocalDate.class, new Day());
        module.addDeserializer(OffsetDateTime.class, new Moment());
        return module;
    }

    /** Why a text is refused, or null when it is acceptable. */
    public static String textFault(String text) {
        if (text.length() > MAX_TEXT) {
            return "must be at most " + MAX_TEXT + " characters";
        }
        return text.indexOf('\u0000') >= 0 ? "must not contain a NUL character" : null;
    }

    /** Why a date is refused, or null. */
    public static String dateFault(LocalDate date) {
        return date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)
                ? "must be a date between " + EARLIEST_DATE + " and " + LATEST_DATE : null;
    }

    private static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            String fault = textFault(text);
            return fault == null ? text : (String) ctxt.handleWeirdStringValue(String.class, "", fault);
        }
    }

    private static final class Flag extends StdScalarDeserializer<Boolean> {
        Flag(Class<?> type) {
            super(type);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_TRUE)) {
                return Boolean.TRUE;
            }
            if (p.hasToken(JsonToken.VALUE_FALSE)) {
                return Boolean.FALSE;
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }
    }

    private static final class Whole<T extends Number> extends StdScalarDeserializer<T> {
        private final Function<BigInteger, T> exact;
        private final Class<?> boxed;

        Whole(Class<?> type, Function<BigInteger, T> exact) {
            super(type);
            this.exact = exact;
            this.boxed = type == int.class ? Integer.class : type == long.class ? Long.class : type;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                @SuppressWarnings("unchecked")
                T handled = (T) ctxt.handleUnexpectedToken(boxed, p);
                return handled;
            }
            BigInteger value = p.getBigIntegerValue();
            try {
                return exact.apply(value);
            } catch (ArithmeticException e) {
                @SuppressWarnings("unchecked")
                T handled = (T) ctxt.handleWeirdNumberValue(boxed, value, "is too large");
                return handled;
            }
        }
    }

    private static final class Decimal extends StdScalarDeserializer<BigDecimal> {
        Decimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return p.getDecimalValue();
            }
            return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
        }
    }

    private static final class Day extends StdScalarDeserializer<LocalDate> {
        Day() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText();
            LocalDate date = null;
            if (DATE.matcher(text).matches()) {
                try {
                    date = LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    date = null;
                }
            }
            if (date == null) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "must be a date as YYYY-MM-DD");
            }
            String fault = dateFault(date);
            return fault == null ? date : (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, fault);
        }
    }

    private static final class Moment extends StdScalarDeserializer<OffsetDateTime> {
        Moment() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
            }
            String text = p.getText();
            try {
                OffsetDateTime moment = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                String fault = dateFault(moment.toLocalDate());
                return fault == null ? moment : (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text, fault);
            } catch (DateTimeParseException e) {
                return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text,
                        "must be a date-time with offset, e.g. 2026-04-01T09:30:00Z");
            }
        }
    }
}
