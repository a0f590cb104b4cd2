package org.openpbr.clustering.assessment;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.clustering.episode.EpisodeViews;
import org.openpbr.clustering.ClusteringConfig;
import org.openpbr.platform.problem.Faults;
import org.openpbr.clustering.assessment.AssessmentViews.AllocationRequest;
import org.openpbr.clustering.decision.FitResult;
import org.openpbr.clustering.decision.FitRules;
import org.openpbr.clustering.decision.Ratings;
import org.openpbr.clustering.decision.RatingsInput;
import org.openpbr.clustering.decision.SuggestionView;
import org.openpbr.clustering.episode.ClusterEpisode;
import org.openpbr.clustering.episode.EpisodeService;
import org.openpbr.platform.feed.ChangeHorizon;
import org.openpbr.clustering.patient.CareSpell;
import org.openpbr.clustering.patient.Patient;
import org.openpbr.clustering.patient.PatientService;
import org.openpbr.clustering.scheme.LoadedScheme;
import org.openpbr.clustering.scheme.SchemeCatalogue;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.problem.ProblemException;

/**
 * Records MHCT assessments: validates them completely, runs decision support with the scheme
 * version in force on the assessment date, stores the result with it, and (in the same
 * transaction) an allocation or a discharge.
 */
@ApplicationScoped
public class AssessmentService {

    @Inject
    PatientService patients;

    @Inject
    SchemeCatalogue schemes;

    @Inject
    AllocationService allocations;

    @Inject
    FitRules fits;

    @Inject
    EpisodeService episodes;

    @Inject
    ClusteringConfig config;

    @Inject
    ChangeHorizon horizon;

    /** What one recording produced. */
    public record Recorded(Assessment assessment, LoadedScheme scheme, Optional<FitResult> fit,
            Optional<Allocation> allocation, Optional<ClusterEpisode> episode) {
    }

    /** Validates, computes and stores an assessment (and its allocation or discharge) for the provider. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Recorded record(String providerCode, Caller caller, AssessmentViews.Request request) {
        // The request's own fields were checked by its annotations; what follows needs the records.
        Faults faults = new Faults();
        Ratings ratings = request.ratings().toRatings();
        Patient patient = patients.owned(providerCode, request.patientId());
        CareSpell spell = patients.ownedSpell(providerCode, patient.id, request.careSpellId());
        if (!spell.covers(request.assessedOn())) {
            faults.add("assessedOn", "must fall within the care spell (" + spell.startDate + " to "
                    + (spell.endDate == null ? "open" : spell.endDate.toString()) + ")");
        }
        String schemeKey = request.scheme() == null || request.scheme().isBlank() ? config.defaultScheme()
                : request.scheme();
        Optional<LoadedScheme> inForce = schemes.inForce(schemeKey, request.assessedOn());
        if (inForce.isEmpty()) {
            faults.add(request.scheme() == null ? "assessedOn" : "scheme",
                    "scheme " + schemeKey + " has no version in force on " + request.assessedOn());
        }
        faults.throwIfAny();
        LoadedScheme scheme = inForce.get();
        horizon.writing();
        Optional<FitResult> fit = request.reason() == AssessmentReason.DISCHARGE ? Optional.empty()
                : fits.of(scheme).map(rule -> rule.evaluate(ratings));
        if (request.allocation() != null) {
            AllocationService.validate(request.allocation(), request.reason(), scheme, fit, "allocation", faults);
            faults.throwIfAny();
        }

        Assessment assessment = new Assessment();
        assessment.id = UUID.randomUUID();
        assessment.patientId = patient.id;
        assessment.careSpellId = spell.id;
        assessment.providerCode = providerCode;
        assessment.commissionerCode = spell.commissionerCode;
        assessment.assessedOn = request.assessedOn();
        assessment.reason = request.reason();
        int[] values = ratings.toArray();
        assessment.ratings = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            assessment.ratings[i] = (short) values[i];
        }
        assessment.problemType = request.item8ProblemType();
        assessment.problemTypeText = request.item8ProblemText() == null || request.item8ProblemText().isBlank() ? null
                : request.item8ProblemText().strip();
        assessment.rater = request.rater().strip();
        assessment.team = request.team().strip();
        assessment.schemeVersionId = scheme.id();
        fit.ifPresent(result -> {
            assessment.ruleVersion = result.ruleVersion();
            assessment.suggestionOutcome = result.outcome().name();
            assessment.suggestedCode = result.suggestedCode();
            assessment.tiedCodes = result.tiedCodes().isEmpty() ? null : result.tiedCodes().toArray(String[]::new);
        });
        assessment.recordedBy = caller.username().orElse(caller.subject());
        assessment.recordedAt = OffsetDateTime.now();
        assessment.persist();

        Optional<Allocation> allocation = Optional.empty();
        Optional<ClusterEpisode> episode = Optional.empty();
        if (request.reason() == AssessmentReason.DISCHARGE) {
            episode = episodes.discharge(patient.id, providerCode, request.assessedOn(), assessment.id);
        } else if (request.allocation() != null) {
            AllocationService.Allocated allocated = allocations.allocate(assessment, request.allocation(), scheme, fit,
                    caller, true);
            allocation = Optional.of(allocated.allocation());
            episode = Optional.of(allocated.episode());
        }
        return new Recorded(assessment, scheme, fit, allocation, episode);
    }

    /** Records the allocation for an assessment recorded earlier without one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AllocationService.Allocated allocate(String providerCode, Caller caller, UUID assessmentId,
            AllocationRequest request) {
        Assessment assessment = owned(providerCode, assessmentId);
        LoadedScheme scheme = schemes.load(assessment.schemeVersionId);
        Optional<FitResult> fit = fit(assessment, scheme);
        horizon.writing();
        Faults faults = new Faults();
        AllocationService.validate(request, assessment.reason, scheme, fit, "", faults);
        faults.throwIfAny();
        return allocations.allocate(assessment, request, scheme, fit, caller, false);
    }

    /** The provider's assessment, or 404. */
    public Assessment owned(String providerCode, UUID id) {
        Assessment assessment = Assessment.findById(id);
        if (assessment == null || !assessment.providerCode.equals(providerCode)) {
            throw ProblemException.notFound("Assessment " + id);
        }
        return assessment;
    }

    /** The stored assessment's decision support, recomputed exactly (its scheme version never changes). */
    public Optional<FitResult> fit(Assessment assessment, LoadedScheme scheme) {
        if (assessment.ruleVersion == null) {
            return Optional.empty();
        }
        return fits.of(scheme).map(rule -> rule.evaluate(ratingsOf(assessment)));
    }

    public static Ratings ratingsOf(Assessment assessment) {
        int[] values = new int[assessment.ratings.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = assessment.ratings[i];
        }
        return Ratings.of(values);
    }


    /** The assessment as the API shows it. */
    public AssessmentViews.View view(Recorded recorded) {
        Assessment a = recorded.assessment();
        SuggestionView suggestion = recorded.fit().map(result -> SuggestionView.of(recorded.scheme(), result, false))
                .orElse(null);
        return new AssessmentViews.View(a.id, a.patientId, a.careSpellId, a.providerCode, a.commissionerCode,
                a.assessedOn, a.reason, RatingsInput.of(ratingsOf(a)), a.problemType, a.problemTypeText, a.rater,
                a.team, SuggestionView.SchemeRef.of(recorded.scheme()), suggestion,
                recorded.allocation().map(al -> AssessmentViews.AllocationView.of(al, recorded.scheme(), a.assessedOn))
                        .orElse(null),
                recorded.episode().map(EpisodeViews.EpisodeView::of).orElse(null), a.recordedAt);
    }

    /** A stored assessment with what it led to. */
    public Recorded stored(Assessment assessment) {
        LoadedScheme scheme = schemes.load(assessment.schemeVersionId);
        Optional<Allocation> allocation = Allocation.find("assessmentId", assessment.id).firstResultOptional();
        Optional<ClusterEpisode> episode = allocation.isPresent()
                ? ClusterEpisode.find("startedBy", allocation.get().id).firstResultOptional()
                : ClusterEpisode.find("endedBy", assessment.id).firstResultOptional();
        return new Recorded(assessment, scheme, fit(assessment, scheme), allocation, episode);
    }
}
