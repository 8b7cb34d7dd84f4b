package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;

/**
 * A row change decided on but not yet executed.
 *
 * @param key   target row for updates and deletes; {@code null} for inserts, whose key the database assigns
 * @param name  new name for inserts and updates, {@code null} for deletes
 * @param email new email for inserts and updates, {@code null} for deletes
 */
record PlannedChange(Op op, Integer key, String name, String email) {
}
