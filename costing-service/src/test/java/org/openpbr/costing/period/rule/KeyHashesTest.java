package org.openpbr.costing.period.rule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyHashesTest {

    @Test
    void distinct_keys_are_all_new_and_a_repeated_key_is_caught_however_late() {
        KeyHashes keys = new KeyHashes(1_000_000);
        for (int i = 0; i < 300_000; i++) {
            assertThat(keys.add("C" + i)).as("C%s", i).isTrue();
        }
        assertThat(keys.mayRepeat()).isFalse();
        assertThat(keys.add("C0")).isFalse();
        assertThat(keys.mayRepeat()).isTrue();
        assertThat(keys.add("C299999")).isFalse();
        assertThat(keys.add("C300000")).isTrue();
        assertThat(keys.full()).isFalse();
    }

    @Test
    void past_its_limit_it_stops_and_says_the_keys_may_repeat() {
        KeyHashes keys = new KeyHashes(3);
        assertThat(keys.add("a")).isTrue();
        assertThat(keys.add("b")).isTrue();
        assertThat(keys.add("c")).isTrue();
        assertThat(keys.mayRepeat()).isFalse();
        assertThat(keys.add("d")).isFalse();
        assertThat(keys.full()).isTrue();
        assertThat(keys.mayRepeat()).isTrue();
        assertThat(keys.add("e")).isFalse();
    }

    @Test
    void keys_that_differ_in_one_character_or_in_order_hash_apart() {
        assertThat(KeyHashes.hash("P1|2025-04-01")).isNotEqualTo(KeyHashes.hash("P1|2025-04-02"));
        assertThat(KeyHashes.hash("ab")).isNotEqualTo(KeyHashes.hash("ba"));
        assertThat(KeyHashes.hash("")).isNotEqualTo(KeyHashes.hash("\u0000"));
    }
}
