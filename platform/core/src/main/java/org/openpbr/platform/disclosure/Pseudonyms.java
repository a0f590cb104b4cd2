package org.openpbr.platform.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openpbr.platform.nhs.NhsNumber;

/**
 * The one pseudonym every OpenPbR service shows a commissioner for a person: a keyed HMAC-SHA256
 * over the commissioner's code and the person's NHS number, cut to 128 bits and written in hex.
 * It is the same in every service and for every provider, so a commissioner (and contract-service,
 * looking for the same days billed twice) can link one person's records without seeing who they
 * are; a different commissioner gets a different pseudonym for the same person.
 * <p>
 * A person recorded without an NHS number cannot be linked across providers: they get a
 * provider-local pseudonym over (commissioner, provider, local id), marked by its prefix.
 * <ul>
 * <li>{@code P-} followed by 32 hex digits: from the NHS number, the same across providers;</li>
 * <li>{@code L-} followed by 32 hex digits: provider-local, never equal to any {@code P-} one.</li>
 * </ul>
 */
public final class Pseudonyms {

    public static final String PERSON_PREFIX = "P-";
    public static final String PROVIDER_LOCAL_PREFIX = "L-";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public Pseudonyms(PseudonymKey key) {
        this.key = new SecretKeySpec(key.bytes(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The pseudonym of the person with this NHS number, as this commissioner sees them. */
    public String of(String commissionerCode, NhsNumber nhsNumber) {
        return PERSON_PREFIX + hmac("nhs", ods(commissionerCode), nhsNumber.digits());
    }

    /** The provider-local pseudonym of a person the provider recorded without an NHS number. */
    public String ofLocal(String commissionerCode, String providerCode, String localId) {
        return PROVIDER_LOCAL_PREFIX + hmac("local", ods(commissionerCode), ods(providerCode), present(localId).strip());
    }

    /**
     * The person's pseudonym: from the NHS number when it is known and valid, otherwise the
     * provider-local one.
     */
    public String of(String commissionerCode, Optional<String> nhsNumber, String providerCode, String localId) {
        return nhsNumber.flatMap(NhsNumber::parse).map(n -> of(commissionerCode, n))
                .orElseGet(() -> ofLocal(commissionerCode, providerCode, localId));
    }

    public static boolean isProviderLocal(String pseudonym) {
        return pseudonym.startsWith(PROVIDER_LOCAL_PREFIX);
    }

    /** Each part is length-prefixed, so no two different part lists give the same input. */
    private String hmac(String... parts) {
        Mac mac = macs.get();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            mac.update(new byte[] { (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                    (byte) bytes.length });
            mac.update(bytes);
        }
        return HexFormat.of().formatHex(mac.doFinal(), 0, 16);
    }

    /** ODS codes are case-insensitive: {@code 15n} and {@code 15N} are one commissioner. */
    private static String ods(String code) {
        return present(code).strip().toUpperCase(Locale.ROOT);
    }

    private static String present(String part) {
        if (part == null || part.isBlank()) {
            throw new IllegalArgumentException("a pseudonym needs every part");
        }
        return part;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
