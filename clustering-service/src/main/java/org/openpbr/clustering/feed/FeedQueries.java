package org.openpbr.clustering.feed;

import java.util.List;
import java.util.stream.Collectors;

/** The feed's SQL: the change keys of the granted kinds, in change order, up to the settled horizon. */
final class FeedQueries {

    private FeedQueries() {
    }

    /** The union is made from these constant statements only, never from request text. */
    static String changes(List<FeedViews.ChangeType> granted) {
        String union = granted.stream().map(type -> switch (type) {
            case ASSESSMENT -> "select seq, 'ASSESSMENT' as kind, id from assessment";
            case ALLOCATION -> "select seq, 'ALLOCATION' as kind, id from allocation";
            case EPISODE -> "select seq, 'EPISODE' as kind, id from cluster_episode";
        } + " where seq > :after and seq <= :settled").collect(Collectors.joining(" union all "));
        return "select seq, kind, id from (" + union + ") changes order by seq limit :rows";
    }
}
