package org.openpbr.clustering.scheme;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.hash.Sha256;
import org.openpbr.platform.problem.ProblemException;

/**
 * The published scheme versions: publishing (immutable once published), finding the version in
 * force on a date, and compiled definitions. Definitions are cached by id, which is safe because a
 * published version never changes; which version is in force is always asked of the database, so
 * a version published through another replica is seen at once.
 */
@ApplicationScoped
public class SchemeCatalogue {

    @Inject
    SchemeQueries queries;

    @Inject
    AuditTrail audit;

    private final Map<Long, LoadedScheme> loaded = new ConcurrentHashMap<>();

    /** The outcome of a publication: the stored version, and whether this call created it. */
    public record Publication(SchemeVersion version, boolean created) {
    }

    /**
     * Publishes a validated version. Publishing identical content again returns the stored version;
     * different content under a published scheme and version is a 409, never an edit.
     */
    @Transactional
    public Publication publish(SchemeDefinition definition, Caller publisher) {
        // Serialise publications of one scheme, so two replicas loading the same version cannot race.
        queries.lock(definition.scheme());
        String fingerprint = fingerprint(definition);
        Optional<SchemeVersion> existing = find(definition.scheme(), definition.version());
        if (existing.isPresent()) {
            if (existing.get().fingerprint.equals(fingerprint)) {
                return new Publication(existing.get(), false);
            }
            throw ProblemException.conflict("Version " + definition.version() + " of scheme " + definition.scheme()
                    + " is already published with different content; published versions never change, so publish"
                    + " the change as a new version");
        }
        SchemeVersion version = new SchemeVersion();
        version.scheme = definition.scheme();
        version.version = definition.version();
        version.name = definition.name();
        version.effectiveFrom = definition.effectiveFrom();
        version.effectiveTo = definition.effectiveTo().orElse(null);
        version.illustrative = definition.illustrative();
        version.varianceCode = definition.varianceCode().orElse(null);
        version.fingerprint = fingerprint;
        version.publishedBy = publisher.username().orElse(publisher.subject());
        int position = 0;
        for (SchemeCode code : definition.codes()) {
            SchemeCodeRow row = new SchemeCodeRow();
            row.position = position++;
            row.code = code.code();
            row.name = code.name();
            row.superClass = code.superClass();
            row.maxReviewPeriod = code.maxReviewPeriod().toString();
            row.profile = code.profile().map(CodeProfile::words).orElse(null);
            version.codes.add(row);
        }
        version.persist();
        queries.flush();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scheme", definition.scheme());
        details.put("version", definition.version());
        details.put("codes", definition.codes().size());
        details.put("grid", definition.hasGrid());
        details.put("illustrative", definition.illustrative());
        details.put("fingerprint", fingerprint);
        audit.record(publisher, "scheme.published", "scheme_version", String.valueOf(version.id), null, details);
        return new Publication(version, true);
    }

    public Optional<SchemeVersion> find(String scheme, String version) {
        return queries.find(scheme, version);
    }

    /**
     * The version of a scheme in force on a date: of the versions whose effective dates cover it, the
     * one published last (so a corrected version supersedes the one it corrects).
     */
    public Optional<LoadedScheme> inForce(String scheme, LocalDate date) {
        return queries.inForce(scheme, date).map(this::load);
    }

    /** A published version by id, compiled once and kept (published versions never change). */
    public LoadedScheme load(long id) {
        LoadedScheme cached = loaded.get(id);
        if (cached != null) {
            return cached;
        }
        SchemeVersion stored = queries.byId(id);
        if (stored == null) {
            throw new IllegalArgumentException("no scheme version " + id);
        }
        LoadedScheme scheme = LoadedScheme.of(id, toDefinition(stored));
        loaded.putIfAbsent(id, scheme);
        return scheme;
    }

    static SchemeDefinition toDefinition(SchemeVersion stored) {
        List<SchemeCode> codes = stored.codes.stream().map(row -> new SchemeCode(row.code, row.name, row.superClass,
                Period.parse(row.maxReviewPeriod), Optional.ofNullable(row.profile).map(words -> {
                    Map<Scale, String> byScale = new EnumMap<>(Scale.class);
                    words.forEach((scale, word) -> byScale.put(Scale.byId(scale).orElseThrow(), word));
                    return CodeProfile.of(byScale);
                }))).toList();
        return new SchemeDefinition(stored.scheme, stored.version, stored.name, stored.effectiveFrom,
                Optional.ofNullable(stored.effectiveTo), stored.illustrative, Optional.ofNullable(stored.varianceCode),
                codes);
    }

    /** SHA-256 over every published fact of the definition, in a fixed order. */
    static String fingerprint(SchemeDefinition definition) {
        StringBuilder text = new StringBuilder();
        text.append(definition.scheme()).append('\n').append(definition.version()).append('\n')
                .append(definition.name()).append('\n').append(definition.effectiveFrom()).append('\n')
                .append(definition.effectiveTo().map(LocalDate::toString).orElse("")).append('\n')
                .append(definition.illustrative()).append('\n').append(definition.varianceCode().orElse(""))
                .append('\n');
        for (SchemeCode code : definition.codes()) {
            text.append(code.code()).append('\t').append(code.name()).append('\t').append(code.superClass())
                    .append('\t').append(code.maxReviewPeriod()).append('\t')
                    .append(code.profile().map(p -> String.join(",", p.words().values())).orElse("")).append('\n');
        }
        return Sha256.hex(text.toString());
    }
}
