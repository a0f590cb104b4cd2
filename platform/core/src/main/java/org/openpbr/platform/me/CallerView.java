package org.openpbr.platform.me;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.caller.OrgType;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The caller as a service sees it, so integrators can check their token set-up. */
@Schema(name = "Caller", description = "The caller as this service sees it, read from the bearer token")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallerView(
        @Schema(description = "The service that answered", examples = "clustering-service") String service,
        @Schema(description = "Token subject (sub)") String subject,
        @Schema(description = "User name (preferred_username); a service account is service-account-<client id>",
                examples = "clinician.rx1") String username,
        @Schema(description = "OAuth client the token was issued to (azp)", examples = "openpbr-cli") String clientId,
        @Schema(description = "ODS code of the caller's organisation (org_code claim)", examples = "RX1") String orgCode,
        @Schema(description = "Kind of organisation (org_type claim)") OrgType orgType,
        @Schema(description = "OpenPbR realm roles in the token; other roles are ignored",
                required = true) List<String> roles,
        @Schema(description = "When the token expires", implementation = String.class, format = "date-time") Instant tokenExpiresAt,
        @Schema(description = "What about this token will stop other endpoints from accepting it",
                required = true) List<String> warnings) {
}
