package org.openpbr.costing.tariff;

/** A tariff is proposed and revised as a DRAFT; once AGREED it never changes (the database refuses it). */
public enum TariffStatus {
    DRAFT, AGREED
}
