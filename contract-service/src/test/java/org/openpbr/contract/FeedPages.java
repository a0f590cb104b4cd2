package org.openpbr.contract;

/**
 * Pages of clustering-service's change feed as the contract tests serve them (each test checks its
 * pages against clustering-service's published contract before serving them).
 */
public final class FeedPages {

    private FeedPages() {
    }

    /** What clustering would send for this person (any value of the form will do: contract keeps it as sent). */
    public static String pseudonym(String localId) {
        return String.format("P-%032x", localId.hashCode() & 0xffffffffL);
    }

    public static String page(String resumeAfter, String next, String... items) {
        return "{\"items\":[" + String.join(",", items) + "]," + (next == null ? "" : "\"next\":\"http://clustering" + next + "\",")
                + "\"resumeAfter\":\"" + resumeAfter + "\"}";
    }

    /** An episode change; {@code end} null while open. */
    public static String episode(long seq, String localId, String id, String allocation, String provider,
            String commissioner, String code, String start, String end, String reviewDue) {
        return "{\"seq\":" + seq + ",\"type\":\"EPISODE\",\"localId\":\"" + localId + "\",\"pseudonym\":\""
                + pseudonym(localId) + "\",\"episode\":{\"id\":\"" + id + "\",\"patientId\":\""
                + String.format("5f0c6f0e-0000-4000-8000-%012d", seq) + "\",\"careSpellId\":"
                + "\"6a0c6f0e-0000-4000-8000-000000000001\",\"providerCode\":\"" + provider + "\",\"commissionerCode\":\""
                + commissioner + "\",\"team\":\"T1\",\"code\":\"" + code + "\",\"startDate\":\"" + start + "\","
                + (end == null ? "" : "\"endDate\":\"" + end + "\",\"endReason\":\"DISCHARGED\",")
                + "\"reviewDue\":\"" + reviewDue + "\",\"allocationId\":\"" + allocation + "\"}}";
    }

    /** An allocation change that follows the tool's suggestion (or not, when the codes differ). */
    public static String allocation(long seq, String localId, String id, String chosen, String suggested,
            boolean meetsRedRules, String allocatedOn, String assessedOn, String schemeVersion) {
        return "{\"seq\":" + seq + ",\"type\":\"ALLOCATION\",\"localId\":\"" + localId + "\",\"pseudonym\":\""
                + pseudonym(localId) + "\",\"allocation\":{\"id\":\"" + id + "\",\"assessmentId\":\""
                + String.format("b1000000-0000-4000-8000-%012d", seq) + "\",\"chosenCode\":\"" + chosen
                + "\",\"suggestedCode\":\"" + suggested + "\",\"followsSuggestion\":" + chosen.equals(suggested)
                + ",\"chosenMeetsRedRules\":" + meetsRedRules + ",\"clinician\":\"DR1\",\"allocatedOn\":\""
                + allocatedOn + "\",\"assessedOn\":\"" + assessedOn + "\",\"scheme\":\"mh-care-clusters\","
                + "\"schemeVersion\":\"" + schemeVersion + "\",\"recordedAt\":\"" + allocatedOn + "T10:00:00Z\"}}";
    }
}
