package org.openpbr.clustering.episode;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;


import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The period a person spends in one code with one provider: the currency unit. */
@Entity
@Table(name = "cluster_episode")
public class ClusterEpisode extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Renumbered by the database whenever the episode changes, so the feed carries the change; not read back. */
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

    @Column(nullable = false)
    public String team;

    @Column(name = "scheme_version_id", nullable = false)
    public Long schemeVersionId;

    @Column(nullable = false)
    public String code;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "review_due", nullable = false)
    public LocalDate reviewDue;

    @Column(name = "started_by", nullable = false)
    public UUID startedBy;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "ended_by")
    public UUID endedBy;

    @Version
    public int version;
}
