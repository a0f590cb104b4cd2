package org.openpbr.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Entry points for REST tests of the service under test. Every request and response is checked
 * against the service's published contract, so a test cannot pass on behaviour the contract
 * does not describe.
 */
public final class Api {

    private static volatile ApiContract contract;

    private Api() {
    }

    /** The contract of the module under test. */
    public static ApiContract contract() {
        ApiContract current = contract;
        if (current == null) {
            synchronized (Api.class) {
                if (contract == null) {
                    contract = ApiContract.ofThisService();
                }
                current = contract;
            }
        }
        return current;
    }

    /** A request whose request and response are both validated against the contract. */
    public static RequestSpecification api() {
        return given().config(decimals()).filter(contract().filter());
    }

    /** A request as {@link #api()}, authorised with the given token. */
    public static RequestSpecification api(TestTokens token) {
        return api().header("Authorization", token.bearer());
    }

    /**
     * A deliberately wrong request (no token, bad body, bad parameter): only the response is
     * validated, and it must be the documented problem.
     */
    public static RequestSpecification badRequest() {
        return given().config(decimals()).filter(contract().responseFilter());
    }

    /**
     * Decimal numbers in responses are read as BigDecimal, never as a float that cannot hold
     * pennies above 100,000. Set per request: Quarkus restores RestAssured's global configuration
     * after every test, so a global setting would hold only by accident of class loading order.
     */
    private static RestAssuredConfig decimals() {
        return RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }
}
