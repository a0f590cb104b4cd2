package org.openpbr.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.nhs.ValidNhsNumber;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;

/**
 * Present only in a service's test run (this jar is a test dependency): endpoints with a JSON
 * body and validated fields, and a cursor-paged list, so every service can prove that its real
 * wiring (Jackson, Bean Validation, security, the shared mappers, paging) behaves as the
 * conventions say. Hidden from the OpenAPI document, so the published contract is unaffected.
 */
@Path("/test/platform-probe")
@RolesAllowed({ Roles.CLINICIAN, Roles.CLINICAL_LEAD, Roles.FINANCE, Roles.CONTRACT_MANAGER, Roles.ANALYST,
        Roles.ADMIN, Roles.SERVICE })
public class PlatformProbe {

    /** The probe's list: sequences 1 to 7. */
    public static final int LIST_SIZE = 7;

    public enum Reason {
        INITIAL, REVIEW, DISCHARGE
    }

    public record Rating(@NotBlank String scale, @Min(0) @Max(4) int score) {
    }

    public record Submission(
            @NotBlank String localId,
            @ValidNhsNumber String nhsNumber,
            @NotNull @PastOrPresent LocalDate assessedOn,
            @NotNull Reason reason,
            @NotNull @Size(min = 1, max = 18) List<@Valid @NotNull Rating> ratings) {
    }

    public record Accepted(String localId, int ratings) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Accepted submit(@NotNull @Valid Submission submission) {
        return new Accepted(submission.localId(), submission.ratings().size());
    }

    @GET
    @Path("/numbers")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Page<Long> numbers(@QueryParam("after") String after, @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        PageRequest request = PageRequest.of(after, limit);
        List<Long> rows = LongStream.rangeClosed(request.afterSequence() + 1, LIST_SIZE).limit(request.fetchSize())
                .boxed().toList();
        return Page.of(rows, request, Long::longValue, uri);
    }

    @Inject
    EntityManager em;

    /** Writes the same identity twice, as a retried insert without an idempotency key would. */
    @POST
    @Path("/duplicate")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(hidden = true)
    public Accepted duplicate() {
        for (int i = 0; i < 2; i++) {
            em.createNativeQuery("insert into audit_event (id, actor_subject, action, entity_type, entity_id) "
                    + "overriding system value values (-1, 'probe', 'probe.duplicated', 'probe', '9434765919')")
                    .executeUpdate();
        }
        return new Accepted("duplicate", 2);
    }

    @GET
    @Path("/failure")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Accepted failure() {
        throw new IllegalStateException("probe failure for patient 943 476 5919 in com.example.Secret");
    }
}
