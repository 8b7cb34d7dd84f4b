package io.github.cdcverify.generate;

import java.sql.SQLException;

/**
 * COMMIT was sent but no answer came: the transaction may or may not have committed, so its changes are not in the
 * ledger yet. Resolve it with {@link InDoubtTransaction#resolve} once the database answers again.
 */
public final class CommitOutcomeUnknownException extends GeneratorException {

    private static final long serialVersionUID = 1L;

    private final transient InDoubtTransaction inDoubt;

    CommitOutcomeUnknownException(GeneratorException described, InDoubtTransaction inDoubt, SQLException cause) {
        super(described.getMessage() + ". Whether transaction " + inDoubt.txId() + " committed is unknown until "
                + "the database answers again.", cause);
        this.inDoubt = inDoubt;
    }

    public InDoubtTransaction inDoubt() {
        return inDoubt;
    }
}
