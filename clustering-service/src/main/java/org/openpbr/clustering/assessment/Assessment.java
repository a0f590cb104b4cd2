package org.openpbr.clustering.assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A recorded MHCT assessment with the decision support computed when it was recorded. Never edited: the database refuses updates and deletes. */
@Entity
@Table(name = "assessment")
public class Assessment extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Set by the database (change_seq); read back only when needed (the feed reads it directly). */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "care_spell_id", nullable = false)
    public UUID careSpellId;

    @Column(name = "provider_code", nullable = false)
    public String providerCode;

    @Column(name = "commissioner_code", nullable = false)
    public String commissionerCode;

    @Column(name = "assessed_on", nullable = false)
    public LocalDate assessedOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssessmentReason reason;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "smallint[]")
    public short[] ratings;

    @Enumerated(EnumType.STRING)
    @Column(name = "problem_type")
    public Item8ProblemType problemType;

    @Column(name = "problem_type_text")
    public String problemTypeText;

    @Column(nullable = false)
    public String rater;

    @Column(nullable = false)
    public String team;

    @Column(name = "scheme_version_id", nullable = false)
    public Long schemeVersionId;

    @Column(name = "rule_version")
    public String ruleVersion;

    @Column(name = "suggestion_outcome")
    public String suggestionOutcome;

    @Column(name = "suggested_code")
    public String suggestedCode;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tied_codes", columnDefinition = "text[]")
    public String[] tiedCodes;

    /** Set when recorded (the service's clock; the column also defaults to the database's). */
    @Column(name = "recorded_at", nullable = false, updatable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
