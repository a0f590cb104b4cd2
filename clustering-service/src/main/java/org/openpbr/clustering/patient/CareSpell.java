package org.openpbr.clustering.patient;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A referral / care spell: a period of care for one person with one provider, paid for by one commissioner. */
@Entity
@Table(name = "care_spell")
public class CareSpell extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false, updatable = false)
    public UUID patientId;

    @Column(name = "provider_code", nullable = false, updatable = false)
    public String providerCode;

    @Column(name = "commissioner_code", nullable = false)
    public String commissionerCode;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReferralSource source;

    @Column(name = "referring_org_code")
    public String referringOrgCode;

    @jakarta.persistence.Version
    public int version;

    /** The ETag of this state of the spell. */
    public String etag() {
        return "\"spell-" + id + "-v" + version + "\"";
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(startDate) && (endDate == null || !date.isAfter(endDate));
    }
}
