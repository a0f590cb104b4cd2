package org.openpbr.costing.centre;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A cost centre of the provider's ledger. */
@Entity
@Table(name = "cost_centre")
public class CostCentre extends PanacheEntityBase {

    public enum Type {
        /** Patient-facing: its cost follows occupied bed days. */
        INPATIENT_WARD,
        /** Patient-facing: its cost follows minutes of care contacts and group sessions. */
        COMMUNITY_TEAM,
        /** Overhead: apportioned to the patient-facing centres. */
        SUPPORT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;

    @Column(name = "provider_code", nullable = false)
    public String providerCode;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;
}
