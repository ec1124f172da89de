package dev.kafkacourse.session01;

import dev.kafkacourse.support.domain.AdEvent;

/**
 * Exercise 1: turn one ad-server log line (see {@link AdLogFormat}) back into an {@link AdEvent}.
 *
 * <p>A collector must never crash on a bad line, and must never drop one silently either: it rejects it with a
 * reason that lands in the dead-letter topic's headers. So a malformed line throws
 * {@link MalformedLogLineException} whose message names the problem, e.g. {@code missing field 'campaign'},
 * {@code bad timestamp 'yesterday'}, {@code unknown type 'view'}. A field with an empty value ({@code campaign=}) or
 * given twice (which value would be right?) makes the line malformed too. The reason is what is wrong, not the
 * line again: the dead-letter record already carries the line.
 */
public final class AdLogParser {

    private AdLogParser() {
    }

    /**
     * Parses {@code line}.
     *
     * @throws MalformedLogLineException if the line is not a valid event; the message names the field at fault
     */
    public static AdEvent parse(String line) {
        // TODO: split the line into key=value pairs (in any order), check the required fields are present and
        //  well-formed, and build the AdEvent. Throw MalformedLogLineException with the field's name otherwise.
        throw new UnsupportedOperationException("TODO session01 exercise 1: implement AdLogParser.parse");
    }
}
