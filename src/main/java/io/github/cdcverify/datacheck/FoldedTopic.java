package io.github.cdcverify.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.judge.JsonBytes;
import io.github.cdcverify.judge.KeyValues;
import io.github.cdcverify.judge.RecordKeys;
import io.github.cdcverify.setup.CaptureCatalog.Column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A topic folded by key to the latest row image, as a consumer that keeps a copy of the table would: creates,
 * updates and snapshot reads put the row, deletes and tombstones remove it, a truncate removes every row. Reads
 * JsonConverter output with or without schemas, Debezium envelopes and {@code ExtractNewRecordState}'s flattened rows
 * (with its {@code __deleted} rewrite). Memory grows with the number of rows, not of events.
 *
 * <p>Most events are overwritten by a later one of their key before anything looks at them, so an event is not
 * parsed: {@link RecordReading} finds its key and where its row image lies, and only the bytes of the image are kept
 * ({@link Image}). A row is parsed once, when it is compared. Only an image holding the placeholder of an unchanged TOASTed value is
 * parsed at once, to take the value from the key's earlier image.
 */
public final class FoldedTopic {

    /** Unreadable records kept with their position: the first ones show what is wrong, the count how often. */
    private static final int UNREADABLE_KEPT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A folded row: its column values as in the topic, with each column's Connect schema when it had one (shared by
     * every row of the same schema).
     */
    public record Row(Map<String, JsonNode> values, Map<String, JsonNode> schemas) {
    }

    /** The image object and its byte array's header. */
    private static final int IMAGE_BYTES = 40;
    /** A row kept parsed (it held a placeholder): a map of JSON nodes, a few hundred bytes. */
    private static final int PARSED_ROW_BYTES = 600;

    /** The latest image of one key: the bytes of its row as the topic holds them, read into a {@link Row} on demand. */
    static final class Image {
        private final byte[] json;
        private final Map<String, JsonNode> schemas;
        private final Row filled;
        /** Whether the table had this key: set by the comparison's pass over the table. */
        boolean seen;

        private Image(byte[] json, Map<String, JsonNode> schemas, Row filled) {
            this.json = json;
            this.schemas = schemas;
            this.filled = filled;
        }

        /** The heap this image takes: the object, its bytes, or about what a parsed row takes. */
        int keptBytes() {
            return json != null ? IMAGE_BYTES + json.length : PARSED_ROW_BYTES;
        }

        /** An image of these bytes, without schemas (for tests). */
        static Image ofBytes(byte[] json) {
            return new Image(json, Map.of(), null);
        }

        Row row() throws IOException {
            return filled != null ? filled : FoldedTopic.row(JSON.readTree(json), schemas);
        }

        /** Whether the row has a field named {@code name}, without parsing it. */
        boolean hasField(byte[] name) throws IOException {
            if (filled != null) {
                return filled.values().containsKey(new String(name, StandardCharsets.UTF_8));
            }
            int[] found = {-1, -1};
            JsonBytes.walkFields(json, 0, (nameFrom, nameTo, valueFrom, valueTo) -> {
                if (Arrays.equals(json, nameFrom, nameTo, name, 0, name.length)) {
                    found[0] = valueFrom;
                    return false;
                }
                return true;
            });
            return found[0] >= 0;
        }
    }

    /** What Debezium sends by default for a TOASTed value an update did not change. */
    public static final String DEFAULT_PLACEHOLDER = "__debezium_unavailable_value";

    private final LatestImages rows = new LatestImages();
    private final List<String> unreadable = new ArrayList<>();
    private long unreadableCount;
    private final String placeholder;
    private final Map<String, Column> keyColumns = new HashMap<>();
    private final RecordReading reading;
    private final String placeholderBase64;
    private final byte[] quotedPlaceholder;
    private final byte[] quotedPlaceholderBase64;
    private long events;
    private long placeholdersFilled;

    public FoldedTopic() {
        this(DEFAULT_PLACEHOLDER);
    }

    public FoldedTopic(String placeholder) {
        this(placeholder, List.of());
    }

    /**
     * @param placeholder the connector's {@code unavailable.value.placeholder}: a value equal to it (or to its
     *                    base64, for a bytea column) stands for "unchanged", and the key's previous value is kept
     * @param keyColumns  the table's key columns: their types say how a key's values are read under each handling
     *                    mode ({@link KeyValues}), so that keys of any type match the table's
     */
    public FoldedTopic(String placeholder, List<Column> keyColumns) {
        this.placeholder = placeholder;
        keyColumns.forEach(column -> this.keyColumns.put(column.name(), column));
        this.reading = new RecordReading(this.keyColumns);
        this.placeholderBase64 = Base64.getEncoder().encodeToString(placeholder.getBytes(StandardCharsets.UTF_8));
        this.quotedPlaceholder = quoted(placeholder);
        this.quotedPlaceholderBase64 = quoted(placeholderBase64);
    }

    private static byte[] quoted(String text) {
        try {
            return JSON.writeValueAsBytes(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Folds one record.
     *
     * @param position {@code topic-partition@offset}, for the report of records that cannot be read
     */
    public void add(String position, byte[] key, byte[] value) {
        String problem = fold(key, value);
        if (problem != null) {
            unreadable(position + ": " + problem);
        }
    }

    /** Folds one record of {@code topic}'s {@code partition} at {@code offset}. */
    public void add(String topic, int partition, long offset, byte[] key, byte[] value) {
        String problem = fold(key, value);
        if (problem != null) {
            unreadable(topic + "-" + partition + "@" + offset + ": " + problem);
        }
    }

    /**
     * Folds every record {@code reader} has up to the topic's end offsets of now, reading in threads of their own
     * ({@link PartitionReaders}).
     *
     * @return how many records were read
     */
    public long readToEnd(PartitionReaders reader, Duration timeout) {
        return reader.readToEnd(record -> add(record.topic(), record.partition(), record.offset(),
                record.key(), record.value()), timeout);
    }

    /** Folds one record; what is wrong with it, or null. */
    private String fold(byte[] key, byte[] value) {
        try {
            String problem = reading.read(key, value);
            if (reading.counted()) {
                events++;
            }
            switch (reading.effect()) {
                case PUT -> put(reading.key(), value, reading.from(), reading.to(), reading.schemas());
                case REMOVE -> rows.remove(reading.key());
                case TRUNCATE -> rows.clear();
                case NONE -> {
                }
            }
            return problem;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    private void unreadable(String what) {
        unreadableCount++;
        if (unreadable.size() < UNREADABLE_KEPT) {
            unreadable.add(what);
        }
    }

    /**
     * Keeps the bytes of a row image. Under REPLICA IDENTITY DEFAULT an update that leaves a TOASTed value alone
     * sends the placeholder instead of the value: a consumer keeping a copy of the table keeps the value it had, and
     * so does the fold. A placeholder with no earlier value of its key stays, and the comparison names it.
     */
    private void put(String keyText, byte[] bytes, int from, int to, Map<String, JsonNode> schemas)
            throws IOException {
        if (!contains(bytes, from, to, quotedPlaceholder) && !contains(bytes, from, to, quotedPlaceholderBase64)) {
            rows.put(keyText, new Image(Arrays.copyOfRange(bytes, from, to), schemas, null));
            return;
        }
        Row row = row(JSON.readTree(bytes, from, to - from), schemas);
        Image previousImage = rows.get(keyText);
        Row previous = previousImage == null ? null : previousImage.row();
        for (Map.Entry<String, JsonNode> column : row.values().entrySet()) {
            if (isPlaceholder(column.getValue())) {
                JsonNode kept = previous == null ? null : previous.values().get(column.getKey());
                if (kept != null && !isPlaceholder(kept)) {
                    column.setValue(kept);
                    placeholdersFilled++;
                }
            }
        }
        rows.put(keyText, new Image(null, schemas, row));
    }

    private static boolean contains(byte[] bytes, int from, int to, byte[] part) {
        byte first = part[0];
        for (int i = from, last = to - part.length; i <= last; i++) {
            if (bytes[i] == first && Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return true;
            }
        }
        return false;
    }

    /** A fold of the topic of a table with these columns and this key, with Debezium's placeholder. */
    static FoldedTopic keyedBy(List<Column> columns, List<String> keyNames) {
        return new FoldedTopic(DEFAULT_PLACEHOLDER, columns.stream().filter(c -> keyNames.contains(c.name())).toList());
    }

    /** A new fold with the same key columns and the connector's {@code unavailable.value.placeholder}. */
    FoldedTopic withPlaceholder(String otherPlaceholder) {
        FoldedTopic fold = new FoldedTopic(otherPlaceholder, List.copyOf(keyColumns.values()));
        fold.reading.sameRecordsAs(reading);
        return fold;
    }

    /**
     * Folds only the records of one table of a topic several tables share ({@code ByLogicalTableRouter}): those
     * whose key field {@code keyField} holds {@code value}; the field itself is no column of the table's key.
     */
    FoldedTopic onlyKeysWith(String keyField, String value) {
        reading.onlyKeysWith(keyField, value);
        return this;
    }

    /** The value that stands for an unchanged TOASTed value. */
    public String placeholder() {
        return placeholder;
    }

    /** Whether {@code value} is the placeholder of a TOASTed value that was not sent. */
    public boolean isPlaceholder(JsonNode value) {
        return value != null && value.isTextual() && (value.asText().equals(placeholder)
                || value.asText().equals(placeholderBase64));
    }

    /**
     * Every field of the row: only the table's columns are compared, so the fields {@code ExtractNewRecordState}
     * adds ({@code __deleted}, {@code __op}, ...) do no harm, while a column of the table named {@code __x} is one.
     */
    private static Row row(JsonNode values, Map<String, JsonNode> schemas) {
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            columns.put(field.getKey(), field.getValue());
        }
        return new Row(columns, schemas);
    }

    /** The key as {@code column=value} pairs in column order, comparable with {@link #keyText(Map, Map)}. */
    String keyText(JsonNode key, Map<String, JsonNode> schemas) {
        return reading.keyText(key, schemas);
    }

    /** The table side of {@link #keyText(JsonNode, Map)}: the key's values by column, with their columns. */
    static String keyText(Map<String, Object> key, Map<String, Column> keyColumns) {
        return RecordKeys.ofTable(key, keyColumns);
    }

    /** {@link #keyText(Map, Map)} of integer or text keys, whose types need no column to be read. */
    static String keyText(Map<String, Object> key) {
        return keyText(key, Map.of());
    }

    /** The latest image of {@code key}, or null when the topic holds none. */
    Image image(String key) {
        return rows.get(key);
    }

    /** The latest row of {@code key}, parsed; null when the topic holds none. */
    Row row(String key) throws IOException {
        Image image = rows.get(key);
        return image == null ? null : image.row();
    }

    /** The keys the topic holds a row for. */
    Set<String> keys() {
        Set<String> keys = new HashSet<>();
        rows.forEach((key, image) -> keys.add(key.text()));
        return keys;
    }

    /** The keys the topic holds a row for that the table had no row of ({@link Image#seen} never set). */
    List<String> keysNotSeen() {
        List<String> keys = new ArrayList<>();
        rows.forEach((key, image) -> {
            if (!image.seen) {
                keys.add(key.text());
            }
        });
        return keys;
    }

    /** About how much heap the latest rows take ({@link LatestImages#keptBytes()}). */
    long keptBytes() {
        return rows.keptBytes();
    }

    /** How many keys the topic holds a row for. */
    int size() {
        return rows.size();
    }

    /** Every row, parsed: for small topics and tests; the comparison reads rows one by one. */
    Map<String, Row> rows() {
        Map<String, Row> parsed = new HashMap<>();
        rows.forEach((key, image) -> {
            try {
                parsed.put(key.text(), image.row());
            } catch (IOException e) {
                throw new IllegalStateException("A folded row is no JSON: " + e.getMessage(), e);
            }
        });
        return parsed;
    }

    /**
     * Which of {@code names} some row has a field of: usually the first row has all, so this reads one row's
     * field names; a column no row carries makes it read every row's.
     */
    Set<String> fieldsPresent(Collection<String> names) throws IOException {
        Set<String> present = new LinkedHashSet<>();
        Map<String, byte[]> wanted = new LinkedHashMap<>();
        for (String name : names) {
            // As JsonConverter writes the name: Jackson's escapes, without the quotes.
            byte[] quotedName = quoted(name);
            wanted.put(name, Arrays.copyOfRange(quotedName, 1, quotedName.length - 1));
        }
        for (Image image : rows.images()) {
            for (Iterator<Map.Entry<String, byte[]>> it = wanted.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> name = it.next();
                if (image.hasField(name.getValue())) {
                    present.add(name.getKey());
                    it.remove();
                }
            }
            if (wanted.isEmpty()) {
                break;
            }
        }
        return present;
    }

    /** The first records that could not be read, each with its position and why. */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** How many records could not be read. */
    public long unreadableCount() {
        return unreadableCount;
    }

    public long events() {
        return events;
    }

    /** How many placeholders of unchanged TOASTed values took the value of their key's earlier event. */
    public long placeholdersFilled() {
        return placeholdersFilled;
    }
}
