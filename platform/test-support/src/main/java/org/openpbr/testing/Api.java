package org.openpbr.testing;

import static io.restassured.RestAssured.given;

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
        return given().filter(contract().filter());
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
        return given().filter(contract().responseFilter());
    }
}
