package org.openpbr.platform.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The single error contract: every failure that reaches the REST layer leaves as problem+json.
 * Bodies never contain stack traces, Java class names or framework messages; unexpected failures
 * are logged under an incident id that the caller can quote.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        if (e.retryAfterSeconds() != null) {
            return Response.status(e.problem().status()).type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).entity(e.problem()).build();
        }
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return respond(JsonInputProblems.from(e));
    }

    /** Registered for this exact type so it replaces Quarkus's own mapper, which answers in another shape. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return respond(JsonInputProblems.from(e));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (isReturnValue(violation.getPropertyPath())) {
                // A response that breaks its own constraints is our bug, not the caller's.
                return unexpected(e);
            }
            errors.add(new FieldError(field(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return respond(ProblemException.invalid(errors).problem());
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(Exception e) {
        boolean tokenPresented = e instanceof AuthenticationFailedException
                || e instanceof AuthenticationCompletionException;
        Problem problem = Problem.of(ProblemType.UNAUTHENTICATED, tokenPresented
                ? "The bearer token is not valid (expired, not yet valid, wrongly signed or from another issuer)"
                : "This endpoint needs a bearer token in the Authorization header");
        // RFC 6750: tell the client which scheme to use and, for a rejected token, why.
        String challenge = tokenPresented ? "Bearer realm=\"openpbr\", error=\"invalid_token\"" : "Bearer realm=\"openpbr\"";
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .entity(problem).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(ProblemType.FORBIDDEN,
                "Your token does not carry a role that may use this endpoint"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(JsonInputProblems.from(json));
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        ProblemType type = ProblemType.forStatus(status);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.uri(), type.title(), status, detailFor(status), null, null));
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Problem conflict = DatabaseConflicts.problemFor(e);
        if (conflict != null) {
            return respond(conflict);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(Problem.of(ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side; quote the incident id if you report it")
                .withInstance("urn:uuid:" + incident));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood";
            case 404 -> "There is nothing at this address that you may see";
            case 405 -> "This address does not support that HTTP method";
            case 406 -> "This endpoint cannot produce any of the media types in your Accept header";
            case 413 -> "The request body is larger than this endpoint accepts";
            case 415 -> "This endpoint does not accept the request's Content-Type";
            default -> "The request cannot be processed";
        };
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The caller's name for a violated field. A resource method path is
     * {@code method.parameter[.property...]}: for a request body the parameter name is an
     * implementation detail and is dropped; for a query, path or header parameter it is the name.
     */
    static String field(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        int start = 0;
        if (!nodes.isEmpty() && nodes.get(0).getKind() == ElementKind.METHOD) {
            start = 1;
        }
        if (nodes.size() > start + 1 && nodes.get(start).getKind() == ElementKind.PARAMETER) {
            start++;
        }
        StringBuilder field = new StringBuilder();
        for (Path.Node node : nodes.subList(start, nodes.size())) {
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }
}
