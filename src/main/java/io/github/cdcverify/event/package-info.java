/** A change event and its parts (op, key, before, after, source), parsed from any of Debezium's record shapes. */
package io.github.cdcverify.event;
