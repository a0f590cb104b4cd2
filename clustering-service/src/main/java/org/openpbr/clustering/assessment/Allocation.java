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


import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The clinician's chosen code for an assessment, beside the tool's suggestion. Never edited: the database refuses updates and deletes. */
@Entity
@Table(name = "allocation")
public class Allocation extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Set by the database (change_seq); read back only when needed (the feed reads it directly). */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "assessment_id", nullable = false)
    public UUID assessmentId;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "provider_code", nullable = false)
    public String providerCode;

    @Column(name = "commissioner_code", nullable = false)
    public String commissionerCode;

    @Column(nullable = false)
    public String team;

    @Column(nullable = false)
    public String clinician;

    @Column(name = "allocated_on", nullable = false)
    public LocalDate allocatedOn;

    @Column(name = "scheme_version_id", nullable = false)
    public Long schemeVersionId;

    @Column(name = "rule_version")
    public String ruleVersion;

    @Column(name = "suggested_code")
    public String suggestedCode;

    @Column(name = "chosen_code", nullable = false)
    public String chosenCode;

    @Column(name = "chosen_meets_red_rules")
    public Boolean chosenMeetsRedRules;

    @Enumerated(EnumType.STRING)
    @Column(name = "override_reason")
    public OverrideReason overrideReason;

    @Column(name = "override_text")
    public String overrideText;

    /** Set when recorded (the service's clock; the column also defaults to the database's). */
    @Column(name = "recorded_at", nullable = false, updatable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
