package dev.kafkacourse.session18;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;

/** Exercise 2: self-service for a team through prefixed ACLs. */
public final class TeamPrefixAcls {

    private TeamPrefixAcls() {
    }

    /**
     * The ACLs that let team {@code team} (principal {@code User:<user>}) create, write, read and describe its own
     * topics and use its own consumer groups without asking the platform team each time. A team's topics and groups
     * are named {@code <team>.<anything>} (e.g. {@code ads.clicks}, {@code ads.reporting}). The team may not delete
     * topics or change their configs (the platform team does that), and must not reach any other team's topics or
     * groups, including a team whose name starts with the same letters ({@code ads} and {@code adsales}).
     */
    public static List<AclBinding> forTeam(String team, String user) {
        throw new UnsupportedOperationException("TODO: ACLs on the topics and groups named " + team
                + ".<anything> for User:" + user);
    }
}
