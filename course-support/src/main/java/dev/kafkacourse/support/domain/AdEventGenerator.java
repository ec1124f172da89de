package dev.kafkacourse.support.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Makes a realistic, reproducible stream of ad events: the same settings and seed always give the same records,
 * and the result carries the exact per-campaign counts a correct consumer must compute.
 *
 * <ul>
 *   <li>Campaign popularity is Zipf-skewed: campaign {@code c-001} gets the most impressions, as real traffic has
 *       a few hot campaigns.</li>
 *   <li>Each impression is clicked with probability {@link Builder#clickThroughRate}; the click comes 1–30 s
 *       later and names its impression.</li>
 *   <li>Optionally: duplicates (the same event again), late events (arriving after later ones) and malformed
 *       records (for dead-letter handling).</li>
 * </ul>
 *
 * <p>Event times start at {@link Builder#startingAt}, by default the current minute: brokers delete records whose
 * timestamps are older than the topic's retention (7 days by default), so old fixed dates would vanish, and reject
 * records more than an hour in the future, so a long run ends at the current time instead (see defaultStart).
 */
public final class AdEventGenerator {

    private static final String[] COUNTRIES = {"KR", "KR", "KR", "KR", "JP", "US", "SG", "DE"};
    private static final String[] DEVICES = {"mobile", "mobile", "mobile", "desktop", "tablet"};
    private static final int ADS_PER_CAMPAIGN = 3;
    private static final int USERS = 5_000;
    /** How far ahead of the wall clock generated event time may run (the broker's limit is 1 hour). */
    static final Duration MAX_AHEAD = Duration.ofMinutes(10);

    private final Builder settings;
    private final double[] cumulativePopularity;

    private AdEventGenerator(Builder settings) {
        this.settings = settings;
        this.cumulativePopularity = zipfCumulative(settings.campaigns, settings.zipfExponent);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The campaign id of popularity rank {@code rank} (1 = most popular). */
    public static String campaignId(int rank) {
        return String.format("c-%03d", rank);
    }

    /**
     * Without {@link Builder#startingAt}, event time starts at the minute the builder was made; a run so long that it would end
     * more than {@link #MAX_AHEAD} ahead of the wall clock ends now instead, because brokers reject records more than
     * {@code log.message.timestamp.after.max.ms} (1 hour by default) in the future.
     */
    static long defaultStart(long minute, long spanMillis) {
        if (minute + spanMillis <= System.currentTimeMillis() + MAX_AHEAD.toMillis()) {
            return minute;
        }
        return Instant.ofEpochMilli(System.currentTimeMillis() - spanMillis).truncatedTo(ChronoUnit.MINUTES)
                .toEpochMilli();
    }

    /** Generates {@link Builder#impressions} impressions, their clicks and the configured noise. */
    public GeneratedEvents generate() {
        SplittableRandom random = new SplittableRandom(settings.seed);
        long[] impressionCost = new long[settings.campaigns + 1];
        long[] clickCost = new long[settings.campaigns + 1];
        for (int rank = 1; rank <= settings.campaigns; rank++) {
            impressionCost[rank] = 500 + random.nextInt(4_500);        // 0.5–5.0 per 1,000 impressions (CPM)
            clickCost[rank] = 100_000 + random.nextInt(900_000);       // 0.1–1.0 per click (CPC)
        }
        Run run = new Run(random);
        double intervalMs = 1000.0 / settings.eventsPerSecond;
        long start = settings.startExplicit ? settings.startTime.toEpochMilli()
                : defaultStart(settings.startTime.toEpochMilli(), (long) (settings.impressions * intervalMs));
        PriorityQueue<AdEvent> pendingClicks = new PriorityQueue<>(Comparator.comparingLong(AdEvent::timestamp));

        for (int i = 0; i < settings.impressions; i++) {
            long timestamp = start + (long) (i * intervalMs);
            while (!pendingClicks.isEmpty() && pendingClicks.peek().timestamp() <= timestamp) {
                run.emit(pendingClicks.poll());
            }
            int rank = pickCampaign(random);
            String campaign = campaignId(rank);
            AdEvent impression = new AdEvent(uuid(random), EventType.IMPRESSION, null, campaign,
                    campaign + "-ad-" + (1 + random.nextInt(ADS_PER_CAMPAIGN)), "u-" + random.nextInt(USERS),
                    timestamp, pick(random, COUNTRIES), pick(random, DEVICES), impressionCost[rank]);
            run.emit(impression);
            if (random.nextDouble() < settings.clickThroughRate) {
                pendingClicks.add(new AdEvent(uuid(random), EventType.CLICK, impression.eventId(), campaign,
                        impression.adId(), impression.userId(), timestamp + 1_000 + random.nextInt(29_000),
                        impression.country(), impression.device(), clickCost[rank]));
            }
        }
        while (!pendingClicks.isEmpty()) {
            run.emit(pendingClicks.poll());
        }
        run.flushLate(Long.MAX_VALUE);
        return new GeneratedEvents(run.records, run.expected, run.expectedWithDuplicates);
    }

    /** One generation pass: send order, late hold-backs and the running expected counts. */
    private final class Run {
        private final SplittableRandom random;
        private final List<GeneratedRecord> records = new ArrayList<>();
        private final List<AdEvent> late = new ArrayList<>();
        private final TreeMap<String, CampaignStats> expected = new TreeMap<>();
        private final TreeMap<String, CampaignStats> expectedWithDuplicates = new TreeMap<>();

        Run(SplittableRandom random) {
            this.random = random;
        }

        void emit(AdEvent event) {
            flushLate(event.timestamp());
            if (random.nextDouble() < settings.malformedRate) {
                records.add(Malformed.next(random, event));
            }
            count(expected, event);
            count(expectedWithDuplicates, event);
            if (random.nextDouble() < settings.lateRate) {
                late.add(event);   // sent once the stream has moved `lateness` past its event time
                return;
            }
            records.add(new GeneratedRecord(event.campaignId(), AdEventJson.toBytes(event),
                    GeneratedRecord.Kind.VALID, event));
            if (random.nextDouble() < settings.duplicateRate) {
                records.add(new GeneratedRecord(event.campaignId(), AdEventJson.toBytes(event),
                        GeneratedRecord.Kind.DUPLICATE, event));
                count(expectedWithDuplicates, event);
            }
        }

        void flushLate(long now) {
            long lateness = settings.lateness.toMillis();
            late.removeIf(event -> {
                if (event.timestamp() + lateness > now) {
                    return false;
                }
                records.add(new GeneratedRecord(event.campaignId(), AdEventJson.toBytes(event),
                        GeneratedRecord.Kind.LATE, event));
                return true;
            });
        }

        private void count(TreeMap<String, CampaignStats> totals, AdEvent event) {
            CampaignStats current = totals.getOrDefault(event.campaignId(), CampaignStats.EMPTY);
            totals.put(event.campaignId(), event.isClick()
                    ? new CampaignStats(current.impressions(), current.clicks() + 1,
                            current.spendMicros() + event.costMicros())
                    : new CampaignStats(current.impressions() + 1, current.clicks(),
                            current.spendMicros() + event.costMicros()));
        }
    }

    private int pickCampaign(SplittableRandom random) {
        double u = random.nextDouble();
        for (int rank = 1; rank <= settings.campaigns; rank++) {
            if (u < cumulativePopularity[rank]) {
                return rank;
            }
        }
        return settings.campaigns;
    }

    /** P(rank ≤ k) for a Zipf distribution: weight of rank k is 1 / k^s. */
    static double[] zipfCumulative(int campaigns, double exponent) {
        double[] cumulative = new double[campaigns + 1];
        double total = 0;
        for (int rank = 1; rank <= campaigns; rank++) {
            total += 1.0 / Math.pow(rank, exponent);
            cumulative[rank] = total;
        }
        for (int rank = 1; rank <= campaigns; rank++) {
            cumulative[rank] /= total;
        }
        return cumulative;
    }

    private static UUID uuid(SplittableRandom random) {
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;   // version 4
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;  // IETF variant
        return new UUID(most, least);
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** The ways a record on {@code ad-events} can be broken, as seen in real collectors. */
    private static final class Malformed {
        static GeneratedRecord next(SplittableRandom random, AdEvent template) {
            String json = AdEventJson.toJson(template);
            String broken = switch (random.nextInt(5)) {
                case 0 -> json.substring(0, json.length() / 2);                               // truncated
                case 1 -> json.replace("\"campaignId\":\"" + template.campaignId() + "\",", ""); // no campaignId
                case 2 -> json.replace("\"type\":\"" + template.type() + "\"", "\"type\":\"VIEW\""); // unknown type
                case 3 -> json.replace("\"costMicros\":" + template.costMicros(), "\"costMicros\":-1"); // negative
                default -> "impression," + template.campaignId() + "," + template.timestamp();   // not JSON
            };
            return new GeneratedRecord(template.campaignId(), broken.getBytes(StandardCharsets.UTF_8),
                    GeneratedRecord.Kind.MALFORMED, null);
        }
    }

    /** Generator settings; every setting has a sensible default. */
    public static final class Builder {
        private long seed = 42;
        private int impressions = 1_000;
        private int campaigns = 20;
        private double zipfExponent = 1.1;
        private double clickThroughRate = 0.05;
        private double eventsPerSecond = 100;
        private Instant startTime = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        private boolean startExplicit;
        private double duplicateRate;
        private double lateRate;
        private Duration lateness = Duration.ofMinutes(2);
        private double malformedRate;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How many impressions to make (clicks come on top, about impressions × CTR). */
        public Builder impressions(int impressions) {
            this.impressions = requireAtLeast(impressions, 0, "impressions");
            return this;
        }

        public Builder campaigns(int campaigns) {
            this.campaigns = requireAtLeast(campaigns, 1, "campaigns");
            return this;
        }

        /** Skew of campaign popularity: 0 = uniform, 1 = classic Zipf, larger = hotter top campaigns. */
        public Builder zipfExponent(double exponent) {
            this.zipfExponent = requireRange(exponent, 0, 10, "zipfExponent");
            return this;
        }

        public Builder clickThroughRate(double ctr) {
            this.clickThroughRate = requireRange(ctr, 0, 1, "clickThroughRate");
            return this;
        }

        /** Impressions per second of event time (spacing of timestamps, not a send rate). */
        public Builder eventsPerSecond(double rate) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("eventsPerSecond must be positive, was " + rate);
            }
            this.eventsPerSecond = rate;
            return this;
        }

        public Builder startingAt(Instant start) {
            this.startTime = java.util.Objects.requireNonNull(start, "start");
            this.startExplicit = true;
            return this;
        }

        /** Share of events sent twice with the same eventId. */
        public Builder duplicateRate(double rate) {
            this.duplicateRate = requireRange(rate, 0, 1, "duplicateRate");
            return this;
        }

        /** Share of events held back and sent {@code lateness} of event time after their timestamp. */
        public Builder lateEvents(double rate, Duration lateness) {
            this.lateRate = requireRange(rate, 0, 1, "lateRate");
            if (lateness.isNegative() || lateness.isZero()) {
                throw new IllegalArgumentException("lateness must be positive, was " + lateness);
            }
            this.lateness = lateness;
            return this;
        }

        /** Share of events preceded by a malformed record. */
        public Builder malformedRate(double rate) {
            this.malformedRate = requireRange(rate, 0, 1, "malformedRate");
            return this;
        }

        public AdEventGenerator build() {
            return new AdEventGenerator(this.copy());
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.seed = seed;
            copy.impressions = impressions;
            copy.campaigns = campaigns;
            copy.zipfExponent = zipfExponent;
            copy.clickThroughRate = clickThroughRate;
            copy.eventsPerSecond = eventsPerSecond;
            copy.startTime = startTime;
            copy.startExplicit = startExplicit;
            copy.duplicateRate = duplicateRate;
            copy.lateRate = lateRate;
            copy.lateness = lateness;
            copy.malformedRate = malformedRate;
            return copy;
        }

        private static int requireAtLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
            }
            return value;
        }

        private static double requireRange(double value, double min, double max, String name) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }
    }
}
