package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;

import java.util.Map;

/** What makes two events of one key "the same event delivered twice": at-least-once delivery repeats all of it. */
record EventIdentity(Op op, Map<String, Object> after, Map<String, Object> before, Long lsn) {

    static EventIdentity of(ChangeEvent event) {
        Long lsn = event.source() == null ? null : event.source().lsn();
        return new EventIdentity(event.op(), event.after(), event.before(), lsn);
    }
}
