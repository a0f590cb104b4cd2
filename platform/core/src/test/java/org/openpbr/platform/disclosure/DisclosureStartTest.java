package org.openpbr.platform.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

class DisclosureStartTest {

    private static DisclosureConfig configured(String key) {
        return new DisclosureConfig() {
            @Override
            public Optional<String> pseudonymKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public int roundCountsTo() {
                return 1;
            }
        };
    }

    @Test
    void a_packaged_service_refuses_to_start_without_a_real_key() {
        assertThatThrownBy(() -> Disclosure.key(configured(null), LaunchMode.NORMAL))
                .hasMessageStartingWith("Refusing to start: no pseudonym key is configured");
        assertThatThrownBy(() -> Disclosure.key(configured(PseudonymKey.DEV_AND_TEST_KEY), LaunchMode.NORMAL))
                .hasMessageContaining("published dev-and-test key");
        assertThatThrownBy(() -> Disclosure.key(configured("c2hvcnQ="), LaunchMode.NORMAL))
                .hasMessageContaining("5 bytes");
    }

    @Test
    void dev_and_test_fall_back_to_the_published_key_and_use_a_configured_one() {
        String key = "q3hZ0y0pN8o0x1n6m9Jc2v1YtLk4Wd7rS5eB8uFgHiA=";
        assertThat(Disclosure.key(configured(null), LaunchMode.TEST))
                .isEqualTo(PseudonymKey.forDevAndTest(Optional.empty()));
        assertThat(Disclosure.key(configured(key), LaunchMode.NORMAL)).isEqualTo(PseudonymKey.parse(key));
        assertThat(Disclosure.key(configured(key), LaunchMode.DEVELOPMENT)).isEqualTo(PseudonymKey.parse(key));
    }
}
