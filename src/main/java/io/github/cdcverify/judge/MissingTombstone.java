package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;

/**
 * A delete that no tombstone followed before the next event of its key, or before the end of what was read.
 *
 * @param key    the row's id
 * @param delete the delete event
 */
public record MissingTombstone(long key, ChangeEvent delete) {

    /** E.g. {@code key 17: no tombstone after the delete at app.public.users-0@5}. */
    public String describe() {
        return "key " + key + ": no tombstone after the delete at " + delete.position();
    }
}
