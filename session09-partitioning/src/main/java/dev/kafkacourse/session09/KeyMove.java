package dev.kafkacourse.session09;

/**
 * A key whose partition changes when a topic's partition count changes (exercise 3).
 *
 * @param key  the record key (a campaignId)
 * @param from its partition before
 * @param to   its partition after
 */
public record KeyMove(String key, int from, int to) {
}
