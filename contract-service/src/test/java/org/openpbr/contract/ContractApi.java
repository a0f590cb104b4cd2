package org.openpbr.contract;

import static org.openpbr.testing.Api.api;

import java.math.BigDecimal;

import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Tokens and drafting steps shared by contract-service's API tests. Tests keep apart by organisation codes. */
public final class ContractApi {

    public static final String CSV = "text/csv";

    private ContractApi() {
    }

    /** An amount of money in a response, equal in value to {@code amount} (scale aside). */
    public static Matcher<BigDecimal> money(String amount) {
        return Matchers.comparesEqualTo(new BigDecimal(amount));
    }

    public static TestTokens contractManager(String commissioner) {
        return TestTokens.user("contracts." + commissioner.toLowerCase()).org(commissioner, OrgType.COMMISSIONER)
                .roles("contract-manager");
    }

    public static TestTokens commissionerAnalyst(String commissioner) {
        return TestTokens.user("analyst." + commissioner.toLowerCase()).org(commissioner, OrgType.COMMISSIONER)
                .roles("analyst");
    }

    public static TestTokens finance(String provider) {
        return TestTokens.user("finance." + provider.toLowerCase()).org(provider, OrgType.PROVIDER).roles("finance");
    }

    public static TestTokens independentFinance(String provider) {
        return TestTokens.user("finance." + provider.toLowerCase()).org(provider, OrgType.INDEPENDENT_PROVIDER)
                .roles("finance");
    }

    public static TestTokens analyst(String provider) {
        return TestTokens.user("analyst." + provider.toLowerCase()).org(provider, OrgType.PROVIDER).roles("analyst");
    }

    /**
     * A draft in shadow mode: £1,000,000.00 fixed in equal twelfths, episodes priced locally (11 at
     * £1,200.00 = 900.00 care + 300.00 support; 04 at £800.00), a 2%/5% risk share and a 2% withhold
     * over two indicators; plan 10 episodes of 11 in month 1 and 5 of 04 in month 2.
     */
    public static String draft(String reference, String commissioner, String provider) {
        return """
                {"reference": "%s", "commissionerCode": "%s", "providerCode": "%s", "financialYear": "2025-26",
                 "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
                 "terms": {"shadow": true,
                   "fixed": {"annualAmount": 1000000.00},
                   "activity": {"unit": "CLUSTER_EPISODE", "priceSource": "LOCAL", "mode": "ALL_UNITS",
                     "localPrices": [
                       {"code": "11", "price": 1200.00, "components": [{"name": "Care", "amount": 900.00}, {"name": "Support overhead", "amount": 300.00}]},
                       {"code": "04", "price": 800.00}]},
                   "quality": {"kind": "WITHHOLD", "ratePercent": 2, "settlement": "YEAR_END", "indicators": [
                     {"measureId": "CMH-PAIRED", "weight": 1, "target": 50, "floor": 40, "scale": "LINEAR", "direction": "HIGHER_IS_BETTER"},
                     {"measureId": "FOLLOW-UP-72H", "weight": 1, "target": 80, "scale": "ALL_OR_NOTHING", "direction": "HIGHER_IS_BETTER"}]},
                   "riskShare": {"over": [{"fromPercent": 0, "sharePercent": 0}, {"fromPercent": 2, "sharePercent": 50}, {"fromPercent": 5, "sharePercent": 100}],
                                 "under": [{"fromPercent": 0, "sharePercent": 0}, {"fromPercent": 2, "sharePercent": 50}]}},
                 "plan": [{"month": 1, "code": "11", "units": 10}, {"month": 2, "code": "04", "units": 5}]}
                """.formatted(reference, commissioner, provider);
    }

    /** Drafts {@link #draft} as {@code token} and returns the contract id. */
    public static String drafted(TestTokens token, String reference, String commissioner, String provider) {
        return api(token).contentType(ContentType.JSON).body(draft(reference, commissioner, provider))
                .post("/v1/contracts").then().statusCode(201).extract().path("contractId");
    }

    public static String etag(TestTokens token, String id, int version) {
        return api(token).get("/v1/contracts/" + id + "/versions/" + version).then().statusCode(200).extract()
                .header("ETag");
    }

    /** A step (offer, agreement, return) with the version's current ETag. */
    public static ValidatableResponse step(TestTokens token, String id, int version, String step) {
        return api(token).header("If-Match", etag(token, id, version)).contentType(ContentType.JSON).body("{}")
                .post("/v1/contracts/" + id + "/versions/" + version + "/" + step).then();
    }

    /** Drafts, offers (commissioner) and agrees (provider): the contract id of an agreed version 1. */
    public static String agreed(String reference, String commissioner, String provider) {
        String id = drafted(contractManager(commissioner), reference, commissioner, provider);
        step(contractManager(commissioner), id, 1, "offer").statusCode(200);
        step(finance(provider), id, 1, "agreement").statusCode(200);
        return id;
    }
}
