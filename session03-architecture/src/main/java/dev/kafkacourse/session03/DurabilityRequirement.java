package dev.kafkacourse.session03;

/**
 * What the business asks of a topic's durability, counted in brokers: the input of exercise 2
 * ({@link DurableTopicSettings}). Values are not checked here: deciding what is possible is the exercise's job.
 *
 * @param brokers                 brokers in the cluster
 * @param writableWithBrokersDown writes must keep succeeding while this many brokers (any of them) are down
 * @param survivesBrokersLost     a record the producer saw acknowledged must survive losing this many brokers
 *                                (any of them)
 */
public record DurabilityRequirement(int brokers, int writableWithBrokersDown, int survivesBrokersLost) {

    /** {@code ad-clicks} on a 3-broker cluster (3 AZs): one broker may be down, one may be lost. */
    public static final DurabilityRequirement BILLED_CLICKS = new DurabilityRequirement(3, 1, 1);
}
