package org.openpbr.clustering.scheme;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.hibernate.annotations.Generated;
import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A published scheme version as stored; immutable (the database refuses edits). */
@Entity
@Immutable
@Table(name = "scheme_version")
public class SchemeVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String scheme;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public String name;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    @Column(nullable = false)
    public boolean illustrative;

    @Column(name = "variance_code")
    public String varianceCode;

    @Column(nullable = false)
    public String fingerprint;

    @Generated
    @Column(name = "published_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime publishedAt;

    @Column(name = "published_by", nullable = false)
    public String publishedBy;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "scheme_code", joinColumns = @JoinColumn(name = "scheme_version_id"))
    @OrderBy("position")
    public List<SchemeCodeRow> codes = new ArrayList<>();
}
