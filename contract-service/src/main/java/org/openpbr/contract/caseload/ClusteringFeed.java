package org.openpbr.contract.caseload;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * clustering-service's change feed, read with contract-service's own service account (roles
 * episodes-reader and allocations-reader). A tolerant reader: only what payment validation needs
 * is read, anything else in a page is ignored.
 */
@Path("/v1/feed")
@RegisterRestClient(configKey = "clustering")
@OidcClientFilter
public interface ClusteringFeed {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 250)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    Page read(@QueryParam("after") String after, @QueryParam("limit") int limit);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<Item> items, URI next, String resumeAfter) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(long seq, String type, String localId, String pseudonym, Episode episode, Allocation allocation) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Episode(UUID id, UUID patientId, UUID careSpellId, String providerCode, String commissionerCode, String team,
            String code, LocalDate startDate, LocalDate endDate, LocalDate reviewDue, String endReason,
            UUID allocationId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Allocation(UUID id, UUID assessmentId, String chosenCode, String suggestedCode, boolean followsSuggestion,
            Boolean chosenMeetsRedRules, String overrideReason, LocalDate allocatedOn, LocalDate assessedOn,
            String scheme, String schemeVersion, OffsetDateTime recordedAt) {
    }
}
