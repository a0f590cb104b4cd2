package org.openpbr.costing;

import static org.openpbr.testing.Api.api;

import java.math.BigDecimal;
import java.util.Map;

import org.hamcrest.Matcher;
import org.hamcrest.Matchers;

import org.openpbr.platform.caller.OrgType;
import org.openpbr.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Tokens and loading steps shared by costing-service's API tests. Tests keep apart by provider code. */
public final class CostingApi {

    public static final String CSV = "text/csv";

    private CostingApi() {
    }

    /** An amount of money in a response, equal in value to {@code amount} (scale aside). */
    public static Matcher<BigDecimal> money(String amount) {
        return Matchers.comparesEqualTo(new BigDecimal(amount));
    }

    public static TestTokens finance(String provider) {
        return TestTokens.user("finance." + provider.toLowerCase()).org(provider, OrgType.PROVIDER).roles("finance");
    }

    public static TestTokens analyst(String provider) {
        return TestTokens.user("analyst." + provider.toLowerCase()).org(provider, OrgType.PROVIDER).roles("analyst");
    }

    public static TestTokens contractManager(String commissioner) {
        return TestTokens.user("contracts." + commissioner.toLowerCase()).org(commissioner, OrgType.COMMISSIONER)
                .roles("contract-manager");
    }

    public static TestTokens clinician(String provider) {
        return TestTokens.user("clinician." + provider.toLowerCase()).org(provider, OrgType.PROVIDER).roles("clinician");
    }

    public static TestTokens commissioner(String code) {
        return TestTokens.user("analyst." + code.toLowerCase()).org(code, OrgType.COMMISSIONER).roles("analyst",
                "finance");
    }

    public static void centres(TestTokens token, String csv) {
        api(token).contentType(CSV + "; charset=UTF-8").body(csv).put("/v1/cost-centres").then().statusCode(200);
    }

    public static void period(TestTokens token, String code, String start, String end) {
        api(token).contentType(ContentType.JSON).body(Map.of("code", code, "startDate", start, "endDate", end))
                .post("/v1/periods").then().statusCode(201);
    }

    public static ValidatableResponse ledger(TestTokens token, String period, String csv) {
        return api(token).contentType(CSV + "; charset=UTF-8").body(csv).put("/v1/periods/" + period + "/ledger").then();
    }

    public static ValidatableResponse activity(TestTokens token, String period, String kind, String csv) {
        return api(token).contentType(CSV + "; charset=UTF-8").body(csv).post("/v1/periods/" + period + "/activity/" + kind).then();
    }

    public static ValidatableResponse episodes(TestTokens token, String csv) {
        return api(token).contentType(CSV + "; charset=UTF-8").body(csv).post("/v1/episodes").then();
    }
}
