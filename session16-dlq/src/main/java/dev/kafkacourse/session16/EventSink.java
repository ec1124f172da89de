package dev.kafkacourse.session16;

import dev.kafkacourse.support.domain.AdEvent;

/** Where valid events go (a stats store, a database); may fail transiently. */
@FunctionalInterface
public interface EventSink {
    void accept(AdEvent event) throws Exception;
}
