package org.openpbr.contract.caseload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.persistence.Row;

/** The intake's state and an on-demand pull, for a party's contract manager or finance team. */
@ApplicationScoped
public class CaseloadService {

    @Inject
    CaseloadFeed feed;

    @Inject
    CaseloadQueries queries;

    public CaseloadViews.Sync status(Caller caller) {
        return new CaseloadViews.Sync(feed.lastPulledAt(), held(caller), null, null, null, null);
    }

    public CaseloadViews.Sync sync(Caller caller) {
        caller.requireOrgCode();
        CaseloadFeed.Pulled pulled = feed.pull();
        return new CaseloadViews.Sync(feed.lastPulledAt(), held(caller), pulled.changesRead(), pulled.episodesStored(),
                pulled.allocationsStored(), pulled.caughtUp());
    }

    private long held(Caller caller) {
        Row row = queries.held(caller.requireOrgCode());
        return row.whole("episodes");
    }
}
