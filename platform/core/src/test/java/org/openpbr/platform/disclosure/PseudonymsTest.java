package org.openpbr.platform.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openpbr.platform.nhs.NhsNumber;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class PseudonymsTest {

    private static final String RANDOM_KEY = "q3hZ0y0pN8o0x1n6m9Jc2v1YtLk4Wd7rS5eB8uFgHiA=";

    private final Pseudonyms dev = new Pseudonyms(PseudonymKey.forDevAndTest(Optional.empty()));

    private static NhsNumber nhs(String digits) {
        return NhsNumber.parse(digits).orElseThrow();
    }

    @Test
    void the_pseudonym_is_hmac_sha256_over_length_prefixed_parts_cut_to_128_bits() {
        // Computed outside Java: HMAC-SHA256 under the dev key of
        // u32(3) "nhs" u32(3) "15N" u32(10) "9434765919", first 16 bytes in hex.
        assertThat(dev.of("15N", nhs("9434765919"))).isEqualTo("P-435629964b1b35b8deb057fdc6dd7161");
        assertThat(dev.of("99A", nhs("9434765919"))).isEqualTo("P-3d662e445d139d99f265ab286506e995");
        assertThat(dev.ofLocal("15N", "NZ1", "local-7")).isEqualTo("L-9b62c69892ad280d2b2d61d23e2b532d");
    }

    @Test
    void one_person_has_one_pseudonym_per_commissioner_whichever_provider_records_them() {
        String viaTrust = dev.of("15N", Optional.of("943 476 5919"), "RX1", "rx1-0042");
        String viaIndependent = dev.of("15N", Optional.of("9434765919"), "NZ1", "nz-7");
        assertThat(viaTrust).isEqualTo(viaIndependent).startsWith(Pseudonyms.PERSON_PREFIX);
        assertThat(dev.of("15n", nhs("9434765919"))).as("ODS codes are case-insensitive").isEqualTo(viaTrust);
    }

    @Test
    void without_an_nhs_number_the_pseudonym_is_provider_local_and_marked() {
        String local = dev.of("15N", Optional.empty(), "RX1", "rx1-0042");
        assertThat(local).startsWith(Pseudonyms.PROVIDER_LOCAL_PREFIX).matches("L-[0-9a-f]{32}");
        assertThat(Pseudonyms.isProviderLocal(local)).isTrue();
        assertThat(dev.of("15N", Optional.empty(), "NZ1", "rx1-0042")).isNotEqualTo(local);
        assertThat(dev.of("15N", Optional.of("9434765918"), "RX1", "rx1-0042"))
                .as("an invalid NHS number links nothing").isEqualTo(local);
    }

    @Test
    void another_key_gives_other_pseudonyms() {
        Pseudonyms deployment = new Pseudonyms(PseudonymKey.parse(RANDOM_KEY));
        assertThat(deployment.of("15N", nhs("9434765919"))).isNotEqualTo(dev.of("15N", nhs("9434765919")))
                .matches("P-[0-9a-f]{32}");
    }

    @Property(tries = 300)
    void parts_cannot_be_shifted_into_each_other(@ForAll @AlphaChars @StringLength(min = 1, max = 6) String a,
            @ForAll @AlphaChars @StringLength(min = 2, max = 6) String b) {
        // (commissioner "AB", provider "CD") and (commissioner "ABC", provider "D") are different inputs.
        String shiftedA = a + b.charAt(0);
        String shiftedB = b.substring(1);
        assertThat(dev.ofLocal(a, b, "x")).isNotEqualTo(dev.ofLocal(shiftedA, shiftedB, "x"));
    }

    @Test
    void a_deployment_key_must_be_32_random_bytes_and_not_the_published_one() {
        assertThatThrownBy(() -> PseudonymKey.parse(null)).hasMessageContaining("no pseudonym key is configured");
        assertThatThrownBy(() -> PseudonymKey.parse(PseudonymKey.DEV_AND_TEST_KEY)).hasMessageContaining("published");
        assertThatThrownBy(() -> PseudonymKey.parse(Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessageContaining("31 bytes");
        assertThatThrownBy(() -> PseudonymKey.parse(Base64.getEncoder().encodeToString(
                "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbcccc".getBytes()))).hasMessageContaining("does not look random");
        assertThatThrownBy(() -> PseudonymKey.parse("not base64 at all!")).hasMessageContaining("not base64")
                .hasMessageNotContaining("at all");
        assertThat(PseudonymKey.parse(RANDOM_KEY)).hasToString("PseudonymKey[redacted]");
    }
}
