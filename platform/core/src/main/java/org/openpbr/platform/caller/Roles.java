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

    // What a service account may consume, one role per feed or look-up, so each consumer reads only
    // what it needs (granted with SERVICE in the realm, never to people).
    /** Cluster episodes from clustering's feed: costing-service and contract-service. */
    public static final String EPISODES_READER = "episodes-reader";
    /** Allocations (suggested and chosen codes) from clustering's feed: contract-service's payment validation. */
    public static final String ALLOCATIONS_READER = "allocations-reader";
    /** MHCT assessments (ratings) from clustering's feed: outcomes-service. */
    public static final String ASSESSMENTS_READER = "assessments-reader";
    /** Agreed tariffs from costing: contract-service. */
    public static final String TARIFFS_READER = "tariffs-reader";

    public static final Set<String> CONSUMER_ROLES = Set.of(EPISODES_READER, ALLOCATIONS_READER, ASSESSMENTS_READER,
            TARIFFS_READER);

    public static final Set<String> ALL = Set.of(CLINICIAN, CLINICAL_LEAD, FINANCE, CONTRACT_MANAGER, ANALYST, ADMIN,
            SERVICE, EPISODES_READER, ALLOCATIONS_READER, ASSESSMENTS_READER, TARIFFS_READER);

    private Roles() {
    }
}
