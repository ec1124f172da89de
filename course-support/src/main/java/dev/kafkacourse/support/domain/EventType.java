package dev.kafkacourse.support.domain;

/** What happened to an ad. */
public enum EventType {
    IMPRESSION,
    CLICK
}
