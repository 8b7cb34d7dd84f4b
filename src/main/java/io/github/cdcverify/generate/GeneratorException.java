package io.github.cdcverify.generate;

/**
 * The generator could not write its changes. The message says what failed, on which table, and how to fix it when
 * the cause is a common one; it never contains a password. The open transaction has been rolled back, so the
 * ledger holds exactly the committed changes.
 */
public class GeneratorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GeneratorException(String message, Throwable cause) {
        super(message, cause);
    }
}
