package org.openpbr.clustering.assessment;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.platform.problem.Faults;
import org.openpbr.clustering.assessment.AssessmentViews.AllocationRequest;
import org.openpbr.clustering.decision.CodeFit;
import org.openpbr.clustering.decision.FitGroup;
import org.openpbr.clustering.decision.FitResult;
import org.openpbr.clustering.episode.ClusterEpisode;
import org.openpbr.clustering.episode.EpisodeService;
import org.openpbr.clustering.scheme.LoadedScheme;
import org.openpbr.clustering.scheme.SchemeCode;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.problem.ProblemException;

/**
 * Records the clinician's chosen code beside the tool's suggestion. A choice other than the
 * suggestion (or a code tied with it) needs a coded reason; both codes, the reason, and the scheme
 * and rule versions are stored and audited, and the allocation starts a cluster episode.
 */
@ApplicationScoped
public class AllocationService {

    @Inject
    EpisodeService episodes;

    @Inject
    AuditTrail audit;

    public record Allocated(Allocation allocation, ClusterEpisode episode) {
    }

    /**
     * Checks an allocation request against the assessment's scheme and result; every fault under
     * {@code path}. The request's own fields were checked by its annotations.
     */
    public static void validate(AllocationRequest request, AssessmentReason reason, LoadedScheme scheme,
            Optional<FitResult> fit, String path, Faults faults) {
        String prefix = path.isEmpty() ? "" : path + ".";
        if (reason == AssessmentReason.DISCHARGE) {
            faults.add(path.isEmpty() ? "reason" : path,
                    "a discharge assessment ends the episode and allocates no cluster");
            return;
        }
        if (scheme.definition().code(request.code()).isEmpty()) {
            faults.add(prefix + "code", "is not a code of scheme " + scheme.scheme() + " version " + scheme.version());
            return;
        }
        boolean follows = fit.map(result -> result.agreesWith(request.code())).orElse(true);
        if (follows && request.overrideReason() != null) {
            faults.add(prefix + "overrideReason", "is only for a code other than the suggestion ("
                    + fit.map(FitResult::suggestedCode).orElse("none") + ")");
        }
        if (!follows && request.overrideReason() == null) {
            faults.add(prefix + "overrideReason", "is required: the chosen code " + request.code()
                    + " differs from the suggestion " + fit.get().suggestedCode());
        }
    }

    /** Stores a validated allocation for a stored assessment and starts its episode. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Allocated allocate(Assessment assessment, AllocationRequest request, LoadedScheme scheme,
            Optional<FitResult> fit, Caller caller, boolean newAssessment) {
        // An assessment recorded in this transaction has no allocation yet; otherwise ask (the unique
        // constraint on assessment_id backs this up under concurrency).
        if (!newAssessment && Allocation.count("assessmentId", assessment.id) > 0) {
            throw ProblemException.conflict("This assessment already has an allocation; re-cluster with a new assessment");
        }
        SchemeCode code = scheme.definition().code(request.code()).orElseThrow();
        Allocation allocation = new Allocation();
        allocation.id = UUID.randomUUID();
        allocation.assessmentId = assessment.id;
        allocation.patientId = assessment.patientId;
        allocation.providerCode = assessment.providerCode;
        allocation.commissionerCode = assessment.commissionerCode;
        allocation.team = assessment.team;
        allocation.clinician = request.clinician() == null || request.clinician().isBlank() ? assessment.rater
                : request.clinician().strip();
        allocation.allocatedOn = assessment.assessedOn;
        allocation.schemeVersionId = scheme.id();
        allocation.ruleVersion = fit.map(FitResult::ruleVersion).orElse(null);
        allocation.suggestedCode = fit.map(FitResult::suggestedCode).orElse(null);
        allocation.chosenCode = code.code();
        allocation.chosenMeetsRedRules = fit.flatMap(result -> result.fitOf(code.code()))
                .map(CodeFit::group).map(group -> group == FitGroup.MEETS_RED_RULES).orElse(null);
        allocation.overrideReason = request.overrideReason();
        allocation.overrideText = request.overrideText() == null || request.overrideText().isBlank() ? null
                : request.overrideText().strip();
        allocation.recordedBy = caller.username().orElse(caller.subject());
        allocation.recordedAt = OffsetDateTime.now();
        allocation.persist();
        ClusterEpisode episode = episodes.start(new EpisodeService.Start(allocation.id, allocation.patientId,
                assessment.careSpellId, allocation.providerCode, allocation.commissionerCode, allocation.team,
                allocation.schemeVersionId, allocation.chosenCode, allocation.allocatedOn), code);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("assessmentId", assessment.id.toString());
        details.put("chosenCode", allocation.chosenCode);
        details.put("suggestedCode", allocation.suggestedCode);
        details.put("scheme", scheme.scheme());
        details.put("schemeVersion", scheme.version());
        details.put("ruleVersion", allocation.ruleVersion);
        details.put("chosenMeetsRedRules", allocation.chosenMeetsRedRules);
        details.put("episodeId", episode.id.toString());
        audit.record(caller, "allocation.recorded", "allocation", allocation.id.toString(),
                allocation.overrideReason == null ? null
                        : allocation.overrideReason + (allocation.overrideText == null ? "" : ": " + allocation.overrideText),
                details);
        return new Allocated(allocation, episode);
    }
}
