package io.github.cdcverify.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a connector's records can show of a change, read from its configuration: Debezium envelopes, or row images
 * flattened by {@code ExtractNewRecordState}, and whether deletes are followed by tombstones. The probe and the ledger
 * comparison check all a format shows, and say what they cannot.
 *
 * @param unwrap         the name of the {@code ExtractNewRecordState} transform, or {@code null} for envelopes
 * @param deleteHandling that transform's {@code delete.tombstone.handling.mode} ({@code tombstone} by default)
 * @param opField        whether the transform adds the op as {@code __op} ({@code add.fields} with {@code op})
 * @param tombstones     whether every delete is followed by a tombstone
 */
public record RecordFormat(String unwrap, String deleteHandling, boolean opField, boolean tombstones) {

    private static final Set<String> KEEPING_TOMBSTONES = Set.of("tombstone", "rewrite-with-tombstone");

    /** The format of the records a connector of this configuration writes. */
    public static RecordFormat of(Map<String, String> config) {
        boolean tombstonesOnDelete = !"false".equalsIgnoreCase(config.getOrDefault("tombstones.on.delete", "true")
                .strip());
        String transforms = config.getOrDefault("transforms", "").strip();
        for (String transform : transforms.isEmpty() ? new String[0] : transforms.split("\\s*,\\s*")) {
            String prefix = "transforms." + transform + ".";
            if (config.getOrDefault(prefix + "type", "").strip().endsWith("ExtractNewRecordState")) {
                String deletes = config.getOrDefault(prefix + "delete.tombstone.handling.mode",
                        "tombstone").strip().toLowerCase(Locale.ROOT);
                boolean opField = List.of(config.getOrDefault(prefix + "add.fields", "")
                        .toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("op");
                return new RecordFormat(transform, deletes, opField,
                        tombstonesOnDelete && KEEPING_TOMBSTONES.contains(deletes));
            }
        }
        return new RecordFormat(null, null, true, tombstonesOnDelete);
    }

    public boolean flattened() {
        return unwrap != null;
    }

    /** The transform drops deletes but keeps their tombstones: a tombstone is all a consumer sees of a delete. */
    public boolean tombstoneMeansDelete() {
        return "tombstone".equals(deleteHandling);
    }

    /** {@code INFO} notes on what this format cannot show, so that the probe does not check it. */
    public List<String> notes() {
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
