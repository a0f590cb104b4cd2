package org.openpbr.contract.agreement;

/** A contract version's state: edited as a DRAFT, OFFERED by one party, AGREED when the other countersigns. */
public enum ContractStatus {
    DRAFT, OFFERED, AGREED
}
