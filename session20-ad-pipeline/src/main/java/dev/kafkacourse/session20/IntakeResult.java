package dev.kafkacourse.session20;

/**
 * What the collector's intake made of one request's events: the collector turns it into the HTTP answer
 * (ACCEPTED → 202, BUSY → 429, FAILED → 503).
 *
 * @param status   the outcome
 * @param accepted how many events the producer acknowledged (0 unless ACCEPTED)
 * @param reason   why the events were not accepted (null when ACCEPTED)
 */
public record IntakeResult(Status status, int accepted, String reason) {

    public enum Status {
        /** Every event was acknowledged by the producer (written to the leader, and with acks=all to the ISR). */
        ACCEPTED,
        /** Nothing was sent: the events did not fit into the bounded in-flight budget. The client retries later. */
        BUSY,
        /** At least one send failed: the client must retry the request (duplicates are removed by eventId). */
        FAILED
    }

    public static IntakeResult accepted(int count) {
        return new IntakeResult(Status.ACCEPTED, count, null);
    }

    public static IntakeResult busy(String reason) {
        return new IntakeResult(Status.BUSY, 0, reason);
    }

    public static IntakeResult failed(String reason) {
        return new IntakeResult(Status.FAILED, 0, reason);
    }
}
