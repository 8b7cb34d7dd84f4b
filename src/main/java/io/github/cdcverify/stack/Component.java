package io.github.cdcverify.stack;

/** The parts of a pipeline that a fault scenario can stop and start on their own. */
public enum Component {
    POSTGRES,
    KAFKA,
    CONNECT
}
