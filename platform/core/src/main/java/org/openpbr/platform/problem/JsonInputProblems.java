package org.openpbr.platform.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson's reading failures into problems a caller can act on. Jackson's own messages name
 * Java types ({@code java.time.LocalDate}) and echo parser internals, so they are never passed on.
 */
final class JsonInputProblems {

    private JsonInputProblems() {
    }

    static Problem from(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Problem.of(ProblemType.VALIDATION_FAILED, "The request body has a field that cannot be read",
                    List.of(new FieldError(path(mapping), fieldMessage(mapping))));
        }
        if (e instanceof MismatchedInputException mismatch) {
            return Problem.of(ProblemType.MALFORMED_REQUEST,
                    "The request body must be " + describe(mismatch.getTargetType()));
        }
        return Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON" + where(e.getLocation()));
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String fieldMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? ""
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", "));
            return known.isEmpty() ? "unknown field" : "unknown field; expected one of: " + known;
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "'" + invalid.getValue() + "' is not " + describe(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch) {
            return "must be " + describe(mismatch.getTargetType());
        }
        if (e instanceof ValueInstantiationException) {
            return "has a value that is not allowed here";
        }
        return "cannot be read";
    }

    /** A JSON path such as {@code ratings[3].score}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The JSON kind a Java type is read from, in the words of the API, not of Java. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class
                || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
            return "a date-time with offset (e.g. 2026-04-01T09:30:00Z)";
        }
        if (type == LocalDateTime.class) {
            return "a date-time (e.g. 2026-04-01T09:30:00)";
        }
        if (type == LocalTime.class) {
            return "a time (HH:MM or HH:MM:SS)";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of: " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "a JSON object";
        }
        return "a value of another kind";
    }
}
