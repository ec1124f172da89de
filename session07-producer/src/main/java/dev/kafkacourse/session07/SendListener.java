package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Hears what became of one sent event: exactly one of the two methods is called, once. Usually on the producer's
 * I/O thread, so an implementation must be quick, must not block, and must be thread-safe.
 */
public interface SendListener {

    /** The broker acknowledged {@code event}; {@code metadata} says where it was written. */
    void acknowledged(AdEvent event, RecordMetadata metadata);

    /** {@code failure.event()} was not written, and why. */
    void failed(SendFailure failure);
}
