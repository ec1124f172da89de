package dev.kafkacourse.session06;

/**
 * What a template's {@code ProducerListener} has seen so far.
 *
 * @param acknowledged sends the broker acknowledged
 * @param failed       sends that failed (never stored, or not known to be)
 */
public record SendOutcomes(long acknowledged, long failed) {
}
