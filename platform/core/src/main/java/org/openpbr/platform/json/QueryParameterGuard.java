package org.openpbr.platform.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;

/**
 * Query parameters follow the same text rules as JSON bodies (no NUL character, no text beyond
 * {@value StrictScalars#MAX_TEXT} characters) before any resource reads them, so no endpoint can
 * pass such a value on to the database.
 */
@Provider
@PreMatching
public class QueryParameterGuard implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<FieldError> faults = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                String fault = StrictScalars.textFault(value);
                if (fault != null) {
                    faults.add(new FieldError(StrictScalars.textFault(parameter.getKey()) == null ? parameter.getKey()
                            : "(parameter name)", fault));
                    break;
                }
            }
        }
        if (!faults.isEmpty()) {
            throw ProblemException.invalid(faults);
        }
    }
}
