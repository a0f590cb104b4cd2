package org.openpbr.platform.me;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.PlatformConfig;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.platform.caller.Roles;

/** {@code GET /v1/me}: identical on every service, so a token can be checked against each. */
@Path("/v1/me")
@Tag(name = "Caller", description = "Check your token set-up")
public class MeResource {

    @Inject
    CallerContext callers;

    @Inject
    PlatformConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CLINICIAN, Roles.CLINICAL_LEAD, Roles.FINANCE, Roles.CONTRACT_MANAGER, Roles.ANALYST,
            Roles.ADMIN, Roles.SERVICE })
    @Operation(operationId = "getCaller", summary = "Who am I?",
            description = "Returns the caller as this service reads the bearer token: organisation, roles, subject, "
                    + "and warnings about anything that will stop other endpoints from accepting the token.")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallerView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "default", ref = "Error")
    public CallerView me() {
        Caller caller = callers.current();
        return new CallerView(config.serviceName(), caller.subject(), caller.username().orElse(null),
                caller.clientId().orElse(null), caller.orgCode().orElse(null), caller.orgType().orElse(null),
                List.copyOf(caller.roles()), caller.expiresAt().orElse(null), warnings(caller));
    }

    private List<String> warnings(Caller caller) {
        List<String> warnings = new ArrayList<>();
        if (caller.isServiceAccount()) {
            return warnings;
        }
        if (caller.orgCode().isEmpty()) {
            warnings.add("The token has no org_code claim: endpoints that work on an organisation's records "
                    + "will refuse it. Give the user an org_code attribute.");
        }
        if (caller.orgType().isEmpty()) {
            warnings.add(callers.rawOrgType()
                    .map(raw -> "The org_type claim '" + raw + "' is not one of " + List.of(OrgType.values()))
                    .orElse("The token has no org_type claim: give the user an org_type attribute."));
        }
        return warnings;
    }
}
