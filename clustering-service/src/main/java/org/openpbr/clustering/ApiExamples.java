package org.openpbr.clustering;

/**
 * The request bodies Swagger UI offers with "Try it out". Each is valid input as it stands (the
 * foundation tests send every example in the contract and refuse a 400), so an integrator's first
 * call teaches the API rather than its error messages.
 */
public final class ApiExamples {

    private ApiExamples() {
    }

    /** A person in a psychotic crisis: suggested as cluster 14 by the illustrative grid. */
    private static final String RATINGS = """
            {"1": 4, "2": 0, "3": 0, "4": 0, "5": 0, "6": 4, "7": 1, "8": 0, "9": 0, "10": 2, "11": 0, "12": 0,
             "13": 0, "A": 2, "B": 0, "C": 0, "D": 0, "E": 0}""";

    public static final String REGISTRATION = """
            {"localId": "RX1-000123", "nhsNumber": "943 476 5919", "dateOfBirth": "1980-05-17"}""";

    public static final String CARE_SPELL = """
            {"commissionerCode": "15N", "startDate": "2026-11-02", "source": "GP"}""";

    public static final String CARE_SPELL_END = """
            {"endDate": "2026-11-30"}""";

    public static final String ASSESSMENT = """
            {"patientId": "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f", "careSpellId": "7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
             "assessedOn": "2026-11-02", "reason": "INITIAL", "ratings":""" + RATINGS + """
            , "rater": "C1234", "team": "CMHT-NORTH"}""";

    public static final String ALLOCATION = """
            {"code": "14", "clinician": "C1234"}""";

    public static final String SUGGESTION = "{\"ratings\": " + RATINGS + "}";

    public static final String CLUSTERED_REFERRAL = """
            {"patient": {"localId": "ISP-000456", "nhsNumber": "943 476 5919", "dateOfBirth": "1990-02-11"},
             "careSpell": {"commissionerCode": "15N", "startDate": "2026-11-02", "source": "INDEPENDENT_PROVIDER",
                           "referringOrgCode": "NZ1"},
             "assessment": {"assessedOn": "2026-11-02", "reason": "INITIAL", "ratings":""" + RATINGS + """
            , "rater": "C1234", "team": "ISP-TEAM-1", "allocation": {"code": "14"}}}""";

    /** A small scheme without a grid, in force in 2000 only, so publishing it changes nothing today. */
    public static final String SCHEME = """
            {"name": "Example scheme (two codes, no grid)", "effectiveFrom": "2000-01-01", "effectiveTo": "2000-12-31",
             "illustrative": true,
             "codes": [{"code": "01", "name": "Common problems, low severity", "superClass": "Non-psychotic",
                        "maxReviewPeriod": "P6M"},
                       {"code": "02", "name": "Common problems, higher severity", "superClass": "Non-psychotic",
                        "maxReviewPeriod": "P6M"}]}""";

    public static final String SCHEME_CSV = """
            code,name,super_class,max_review_period
            01,"Common problems, low severity",Non-psychotic,P6M
            02,"Common problems, higher severity",Non-psychotic,P6M
            """;
}
