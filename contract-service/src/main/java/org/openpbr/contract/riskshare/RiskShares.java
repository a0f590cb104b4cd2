package org.openpbr.contract.riskshare;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.openpbr.contract.agreement.ContractTerms;
import org.openpbr.contract.riskshare.rule.RiskShareSchedule;

/** A contract's risk-share terms as the rule applies them. */
public final class RiskShares {

    private RiskShares() {
    }

    /** The schedule of the terms' bands and caps (percentages as fractions). */
    public static RiskShareSchedule schedule(ContractTerms.RiskShare terms) {
        return new RiskShareSchedule(bands(terms.over()), bands(terms.under()), terms.overCap(), terms.underCap());
    }

    private static List<RiskShareSchedule.Band> bands(List<ContractTerms.Band> bands) {
        return bands.stream().map(b -> new RiskShareSchedule.Band(fraction(b.fromPercent()), fraction(b.sharePercent())))
                .toList();
    }

    /** A percentage as an exact fraction: 2.5 is 0.025. */
    public static BigDecimal fraction(BigDecimal percent) {
        return percent.divide(BigDecimal.valueOf(100), 10, RoundingMode.UNNECESSARY).stripTrailingZeros();
    }
}
