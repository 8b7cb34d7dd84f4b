package io.github.cdcverify.check.deployed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a deployed connector's records can show of a change, read from its configuration: Debezium envelopes, or row
 * images flattened by {@code ExtractNewRecordState}, and whether deletes are followed by tombstones. The probe checks
 * all a format shows, and says what it cannot.
 *
 * @param unwrap         the name of the {@code ExtractNewRecordState} transform, or {@code null} for envelopes
 * @param deleteHandling that transform's {@code delete.tombstone.handling.mode} ({@code tombstone} by default)
 * @param opField        whether the transform adds the op as {@code __op} ({@code add.fields} with {@code op})
 * @param tombstones     whether every delete is followed by a tombstone
 */
record ProbeFormat(String unwrap, String deleteHandling, boolean opField, boolean tombstones) {

    private static final Set<String> KEEPING_TOMBSTONES = Set.of("tombstone", "rewrite-with-tombstone");

    static ProbeFormat of(DeployedConnector deployed) {
        boolean tombstonesOnDelete = !"false".equalsIgnoreCase(
                deployed.config().getOrDefault("tombstones.on.delete", "true").strip());
        for (String transform : deployed.transforms()) {
            String prefix = "transforms." + transform + ".";
            if (deployed.config().getOrDefault(prefix + "type", "").strip().endsWith("ExtractNewRecordState")) {
                String deletes = deployed.config().getOrDefault(prefix + "delete.tombstone.handling.mode",
                        "tombstone").strip().toLowerCase(Locale.ROOT);
                boolean opField = List.of(deployed.config().getOrDefault(prefix + "add.fields", "")
                        .toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("op");
                return new ProbeFormat(transform, deletes, opField,
                        tombstonesOnDelete && KEEPING_TOMBSTONES.contains(deletes));
            }
        }
        return new ProbeFormat(null, null, true, tombstonesOnDelete);
    }

    boolean flattened() {
        return unwrap != null;
    }

    /** The transform drops deletes but keeps their tombstones: a tombstone is all a consumer sees of a delete. */
    boolean tombstoneMeansDelete() {
        return "tombstone".equals(deleteHandling);
    }

    /** {@code INFO} notes on what this format cannot show, so that the probe does not check it. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (flattened()) {
            notes.add("INFO probe: records are row images flattened by transform '" + unwrap + "' "
                    + "(ExtractNewRecordState, delete.tombstone.handling.mode=" + deleteHandling + "): "
                    + (opField ? "ops are read from __op" : "without __op, each key's ops are told by their order "
                    + "(first image a create, later ones updates, __deleted or a tombstone a delete)")
                    + "; they carry no before image of updates, no source.lsn and no transaction, so those are not "
                    + "checked");
        }
        if (!tombstones) {
            notes.add("INFO probe: the connector sends no tombstone after a delete, so none is required");
        }
        return notes;
    }
}
