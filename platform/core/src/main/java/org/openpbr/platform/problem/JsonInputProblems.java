package org.openpbr.platform.problem;

import java.util.List;
import java.util.stream.Collectors;

import org.openpbr.platform.json.JsonFaults;
import org.openpbr.platform.json.Kinds;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
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
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                && e.getProcessor() instanceof JsonParser parser) {
            return Problem.of(ProblemType.VALIDATION_FAILED, "The request body has a field twice",
                    List.of(new FieldError(JsonFaults.path(parser.getParsingContext()), "appears twice")));
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

    static String describe(Class<?> type) {
        return Kinds.describe(type);
    }
}
