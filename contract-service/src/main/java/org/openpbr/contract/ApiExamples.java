package org.openpbr.contract;

/**
 * The request bodies Swagger UI offers with "Try it out". Each is valid input as it stands (the
 * foundation tests send every example in the contract and refuse a 400). The parties are an
 * example provider (RE1) and commissioner 15N: put your own organisation's code in its place.
 */
public final class ApiExamples {

    private ApiExamples() {
    }

    public static final String DRAFT = """
            {"reference": "15N-RE1-2025-26", "commissionerCode": "15N", "providerCode": "RE1", "financialYear": "2025-26",
             "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
             "terms": {"shadow": true,
               "fixed": {"annualAmount": 1000000.00},
               "activity": {"unit": "CLUSTER_EPISODE", "priceSource": "LOCAL", "mode": "ALL_UNITS",
                 "localPrices": [{"code": "11", "price": 1200.00, "components": [{"name": "Care", "amount": 900.00}, {"name": "Support overhead", "amount": 300.00}]},
                                 {"code": "04", "price": 800.00}]},
               "quality": {"kind": "WITHHOLD", "ratePercent": 2, "settlement": "YEAR_END", "indicators": [
                 {"measureId": "CMH-PAIRED", "weight": 1, "target": 50, "floor": 40, "scale": "LINEAR", "direction": "HIGHER_IS_BETTER"}]},
               "riskShare": {"over": [{"fromPercent": 0, "sharePercent": 0}, {"fromPercent": 2, "sharePercent": 50}, {"fromPercent": 5, "sharePercent": 100}],
                             "under": [{"fromPercent": 0, "sharePercent": 0}, {"fromPercent": 2, "sharePercent": 50}]}},
             "plan": [{"month": 1, "code": "11", "units": 10}, {"month": 1, "code": "04", "units": 5}]}""";

    public static final String STEP = """
            {"note": "Agreed at the contract meeting of 12 March"}""";

    public static final String PLAN = """
            financial_year,financial_month,provider_code,commissioner_code,local_pod_code,planned_activity,planned_price
            2025-26,1,RE1,15N,11,10,1200.00
            2025-26,1,RE1,15N,04,5,800.00
            2025-26,1,RE1,15N,FIXED,0,83333.33
            """;

    public static final String CLAIMS = """
            person,code,start_date,end_date
            RE1-000123,11,2025-04-07,2025-10-06
            RE1-000456,04,2025-04-14,2025-07-13
            """;
}
