package dev.kafkacourse.session20;

/** No instance can answer for a key right now (a rebalance is moving its partition): the API answers 503. */
public final class StatsUnavailableException extends RuntimeException {

    public StatsUnavailableException(String message) {
        super(message);
    }
}
