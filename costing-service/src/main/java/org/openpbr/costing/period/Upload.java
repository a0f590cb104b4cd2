package org.openpbr.costing.period;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One accepted file; written by the loaders with SQL, read here. */
@Entity
@Table(name = "upload")
public class Upload extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "provider_code")
    public String providerCode;

    @Column(name = "period_id")
    public Long periodId;

    public String kind;

    public String sha256;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "row_count")
    public long rowCount;

    @Column(name = "loaded_at")
    public Instant loadedAt;

    @Column(name = "loaded_by")
    public String loadedBy;

    @Column(name = "load_millis")
    public long loadMillis;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "withdrawn_by")
    public String withdrawnBy;
}
