package org.openpbr.clustering.scheme;

import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One code of a stored scheme version. */
@Embeddable
public class SchemeCodeRow {

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "super_class", nullable = false)
    public String superClass;

    @Column(name = "max_review_period", nullable = false)
    public String maxReviewPeriod;

    /** Scale id to five-letter word; null when the code has no grid row. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> profile;
}
