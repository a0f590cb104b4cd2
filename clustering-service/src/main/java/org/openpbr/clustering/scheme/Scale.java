package org.openpbr.clustering.scheme;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The 18 scales of the Mental Health Clustering Tool, in the tool's order: HoNOS items 1-12, the
 * non-psychotic beliefs item 13, and the historical items A-E. Each is rated 0-4, or 9 (not known).
 */
public enum Scale {
    S1("1", "Overactive, aggressive, disruptive or agitated behaviour"),
    S2("2", "Non-accidental self-injury"),
    S3("3", "Problem drinking or drug-taking"),
    S4("4", "Cognitive problems"),
    S5("5", "Physical illness or disability problems"),
    S6("6", "Problems associated with hallucinations and delusions"),
    S7("7", "Problems with depressed mood"),
    S8("8", "Other mental and behavioural problems"),
    S9("9", "Problems with relationships"),
    S10("10", "Problems with activities of daily living"),
    S11("11", "Problems with living conditions"),
    S12("12", "Problems with occupation and activities"),
    S13("13", "Strong unreasonable beliefs (non-psychotic)"),
    A("A", "Agitated behaviour / expansive mood (historical)"),
    B("B", "Repeat self-harm (historical)"),
    C("C", "Safeguarding other children and vulnerable dependent adults (historical)"),
    D("D", "Engagement (historical)"),
    E("E", "Vulnerability (historical)");

    public static final int COUNT = 18;
    /** The rating for "not known": excluded from fit scoring, counted as missing. */
    public static final int NOT_KNOWN = 9;
    public static final int MAX_RATING = 4;
    /** The scales in the tool's order (the enum's order). */
    public static final List<Scale> ALL = List.of(values());

    private final String id;
    private final String title;

    Scale(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The scale's identifier on the form and in the API: "1" to "13", "A" to "E". */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The time a rating covers: the last two weeks for items 1-13, the person's history for A-E. */
    @Schema(name = "MhctRatingPeriod")
    public enum RatingPeriod {
        LAST_TWO_WEEKS, HISTORICAL
    }

    public RatingPeriod ratingPeriod() {
        return ordinal() < 13 ? RatingPeriod.LAST_TWO_WEEKS : RatingPeriod.HISTORICAL;
    }

    /** Items 1-12 are HoNOS, the outcome measure. */
    public boolean isHonos() {
        return ordinal() < 12;
    }

    public static Optional<Scale> byId(String id) {
        for (Scale scale : values()) {
            if (scale.id.equals(id)) {
                return Optional.of(scale);
            }
        }
        return Optional.empty();
    }

    /** A valid rating: 0-4 or 9. */
    public static boolean isValidRating(int rating) {
        return (rating >= 0 && rating <= MAX_RATING) || rating == NOT_KNOWN;
    }
}
