package dev.kafkacourse.session14;

/**
 * One entry of Burrow's window: a commit of a group for one partition, as the broker recorded it in
 * {@code __consumer_offsets}.
 *
 * @param offset    the committed offset (the next record the group will read)
 * @param lag       the partition's end offset when the commit was seen, minus {@code offset}
 * @param timestamp the broker's commit timestamp (epoch ms)
 */
public record OffsetCommit(long offset, long lag, long timestamp) {
}
