package org.openpbr.costing.run;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class ExactSharesWarmUpTest {

    @Test
    void the_made_up_trust_is_one_the_exact_shares_accept() {
        // Its centres' weights are the sums of their episodes' and not-clustered weights, as a run's are;
        // a made-up trust the method refused would warm up nothing.
        assertThatCode(ExactSharesWarmUp::warmUp).doesNotThrowAnyException();
    }
}
