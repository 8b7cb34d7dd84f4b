package io.github.cdcverify.event;

import java.util.Arrays;

/** Debezium's {@code op} codes. */
public enum Op {
    CREATE("c"),
    UPDATE("u"),
    DELETE("d"),
    READ("r"),
    TRUNCATE("t"),
    MESSAGE("m");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    /** The one-letter code as it appears in the envelope. */
    public String code() {
        return code;
    }

    /**
     * @throws IllegalArgumentException naming the code and the known ones when it is not a Debezium op
     */
    public static Op fromCode(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown Debezium op '" + code + "'; known ops are "
                + Arrays.stream(values()).map(Op::code).toList());
    }
}
