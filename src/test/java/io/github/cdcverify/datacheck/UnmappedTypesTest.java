package io.github.cdcverify.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.TableName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnmappedTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aValueSentAsTheBytesOfItsTextMatchesInEveryBinaryMode() throws Exception {
        // '16/B374D848' in base64, base64-url-safe (the same here) and hex.
        assertThat(UnmappedTypes.sameText("16/B374D848", json("\"MTYvQjM3NEQ4NDg=\""))).isTrue();
        assertThat(UnmappedTypes.sameText("16/B374D848", json("\"31362f42333734443834380a\""))).isFalse();
        assertThat(UnmappedTypes.sameText("16/B374D848", json("\"31362f4233373444383438\""))).isTrue();
        PGobject lsn = new PGobject();
        lsn.setType("pg_lsn");
        lsn.setValue("0/1");
        assertThat(UnmappedTypes.sameText(lsn, json("\"MC8x\""))).isTrue();
        assertThat(UnmappedTypes.sameText(lsn, json("\"MTYvQjM3NEQ4NDg=\""))).isFalse();
    }

    @Test
    void nullsAndArraysOfSuchValues() throws Exception {
        assertThat(UnmappedTypes.sameText(null, json("null"))).isTrue();
        assertThat(UnmappedTypes.sameText("x", json("null"))).isFalse();
        assertThat(UnmappedTypes.sameText(List.of("(1,x)"), json("[\"KDEseCk=\"]"))).isTrue();
        assertThat(UnmappedTypes.sameText(List.of("(1,x)", "(2,y)"), json("[\"KDEseCk=\"]"))).isFalse();
    }

    @Test
    void typesDebeziumSendsAsValuesOfItsOwnAreNamed() {
        TableName table = TableName.parse("public.t");
        Column vector = new Column("v", "ARRAY", null, null, null, "int2vector");
        Column boxes = new Column("b", "ARRAY", null, null, null, "_box");
        Column ints = new Column("i", "ARRAY", null, null, null, "_int4");

        UnmappedTypes types = UnmappedTypes.none(table, false);

        assertThat(types.notComparable(vector)).isEqualTo("INFO public.t.v (int2vector) is not "
                + "compared: Debezium sends an empty array for every int2vector value");
        assertThat(types.notComparable(boxes)).contains("(box[]) is not compared: Debezium sends null");
        assertThat(types.notComparable(ints)).isNull();
    }

    @Test
    void aNameColumnIsComparedOnlyWhenDebeziumStreamsItsValues() {
        TableName table = TableName.parse("public.t");
        Column name = new Column("n", "name", null, null, null, "name");

        assertThat(UnmappedTypes.none(table, false).notComparable(name)).isEqualTo("INFO public.t.n (name) is not "
                + "compared: Debezium streams no name value while include.unknown.datatypes=false (the default): null, "
                + "or an empty string in a key column, the value only in snapshot events; with "
                + "include.unknown.datatypes=true it sends every value, which this check compares");
        assertThat(UnmappedTypes.none(table, true).notComparable(name)).isNull();
    }
}
