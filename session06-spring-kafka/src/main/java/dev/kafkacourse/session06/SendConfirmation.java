package dev.kafkacourse.session06;

/**
 * Where the broker stored a confirmed record.
 *
 * @param topic     the topic written to
 * @param partition the partition the record landed in
 * @param offset    its offset there: with the partition, the record's permanent address
 */
public record SendConfirmation(String topic, int partition, long offset) {
}
