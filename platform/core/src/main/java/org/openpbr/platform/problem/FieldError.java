package org.openpbr.platform.problem;

/**
 * One fault in a request.
 *
 * @param field   where the fault is: a JSON path into the body ({@code ratings[3].score}), a query or
 *                path parameter name, a header name, or a CSV row and column in later uploads
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
