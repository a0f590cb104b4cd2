package org.openpbr.costing;

/**
 * The request bodies Swagger UI offers with "Try it out". Each is valid input as it stands (the
 * foundation tests send every example in the contract and refuse a 400). Tried in the order the
 * contract lists them, they make one small trust's year: cost centres, a period, its ledger and
 * activity, then a run.
 */
public final class ApiExamples {

    private ApiExamples() {
    }

    public static final String COST_CENTRES = """
            code,name,type
            CMHT-N,North community mental health team,COMMUNITY_TEAM
            WARD-A,Acute admissions ward A,INPATIENT_WARD
            ESTATES,Estates and facilities,SUPPORT
            """;

    public static final String PERIOD = """
            {"code": "FY2025-26", "startDate": "2025-04-01", "endDate": "2026-03-31"}""";

    public static final String LEDGER = """
            cost_centre,expense_type,amount,social_care
            CMHT-N,Nursing,412000.00,N
            CMHT-N,Social work,86500.00,Y
            WARD-A,Nursing,1250000.00,N
            ESTATES,Premises,310000.00,N
            """;

    /** Contacts: the first kind in the path's list; bed days and group sessions have their own columns. */
    public static final String CONTACTS = """
            contact_id,patient_id,contact_date,cost_centre,staff_group,minutes
            C-000001,RX1-000123,2025-05-06,CMHT-N,Nurse,45
            C-000002,RX1-000123,2025-05-20,CMHT-N,Psychologist,60
            """;

    public static final String EPISODES = """
            episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team
            E-000001,RX1-000123,04,2025-04-14,,2025-10-14,15N,CMHT-N
            """;

    public static final String RUN = """
            {"period": "FY2025-26", "includeSocialCare": true}""";

    public static final String CARE_PACKAGE = """
            {"name": "Cluster 04 standard package", "weeks": 26, "note": "Agreed by the community team leads",
             "interventions": [
               {"name": "Care coordination", "setting": "COMMUNITY", "staffGroup": "Nurse", "minutes": 45, "everyWeeks": 2},
               {"name": "CBT", "setting": "COMMUNITY", "staffGroup": "Psychologist", "minutes": 60, "durationWeeks": 16},
               {"name": "Crisis admission", "setting": "WARD", "times": 3, "everyWeeks": 26, "core": false}]}""";

    /** Use the id of one of your runs; the example's is nobody's, so it answers 404. */
    public static final String TARIFF = """
            {"name": "2026-27 local tariff", "runId": "0d3c8a52-6f1e-4b7a-9c2d-5e4f3a2b1c0d", "unit": "REVIEW_PERIOD",
             "commissionerCode": "15N", "validFrom": "2026-04-01", "validTo": "2027-03-31",
             "contractValue": 41250000.00, "efficiencyPercent": 1.1,
             "topUps": [{"flag": "DEAFNESS", "upliftPercent": 25}],
             "activity": [{"code": "11", "units": 1800, "flaggedUnits": {"DEAFNESS": 12}}, {"code": "14", "units": 95}]}""";

    public static final String AGREEMENT = """
            {"note": "Agreed with 15N at the contract meeting of 12 March 2026 (minute 7)"}""";
}
