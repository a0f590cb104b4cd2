package org.openpbr.platform.caller;

import java.util.Set;

/** The realm roles OpenPbR understands; a token's other roles are ignored. */
public final class Roles {

    public static final String CLINICIAN = "clinician";
    public static final String CLINICAL_LEAD = "clinical-lead";
    public static final String FINANCE = "finance";
    public static final String CONTRACT_MANAGER = "contract-manager";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";
    /** Service accounts of the other OpenPbR services (client credentials). */
    public static final String SERVICE = "service";

    public static final Set<String> ALL = Set.of(CLINICIAN, CLINICAL_LEAD, FINANCE, CONTRACT_MANAGER, ANALYST, ADMIN,
            SERVICE);

    private Roles() {
    }
}
