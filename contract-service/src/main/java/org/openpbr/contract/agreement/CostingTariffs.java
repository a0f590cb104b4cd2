package org.openpbr.contract.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * costing-service's tariffs, read with contract-service's service account (client credentials,
 * role tariffs-reader). A tolerant reader: only what a contract needs is read. A tariff that does
 * not exist (or that this service may not see) is an answer, not a failure: it is neither retried
 * nor counted by the circuit breaker.
 */
@Path("/v1/tariffs")
@RegisterRestClient(configKey = "costing")
@OidcClientFilter
public interface CostingTariffs {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 200, abortOn = NoSuchTariff.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = NoSuchTariff.class)
    Tariff read(@PathParam("id") UUID id);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return response.getStatus() == 404 ? new NoSuchTariff() : null;
    }

    /** costing-service answered 404: no such tariff, or not one this service may see. */
    final class NoSuchTariff extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchTariff() {
            super("no such tariff", null, false, false);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tariff(UUID id, String providerCode, String name, int version, String status, String unit,
            String commissionerCode, LocalDate validFrom, LocalDate validTo, List<Price> prices) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Price(String code, BigDecimal price, BigDecimal rri, List<Component> components) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Component(String name, BigDecimal amount) {
    }
}
