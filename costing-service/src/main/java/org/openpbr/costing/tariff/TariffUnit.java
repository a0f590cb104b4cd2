package org.openpbr.costing.tariff;

/** What a tariff prices: one day in a cluster, or one review period (a cluster episode up to its review). */
public enum TariffUnit {
    CLUSTER_DAY, REVIEW_PERIOD
}
