package org.openpbr.clustering.patient;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person known to one provider. The same person with two providers is two records. */
@Entity
@Table(name = "patient")
public class Patient extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "provider_code", nullable = false, updatable = false)
    public String providerCode;

    @Column(name = "local_id", nullable = false, updatable = false)
    public String localId;

    @Column(name = "nhs_number")
    public String nhsNumber;

    @Column(name = "date_of_birth", nullable = false)
    public LocalDate dateOfBirth;
}
