package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.Check;
import io.github.cdcverify.check.CheckOutcome;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.stack.CdcStack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A check of the user's deployed connector: its configuration is loaded at the start of each run, and what the run
 * finds worth saying without failing is collected as notes ({@code WARN ...}, {@code INFO ...}).
 */
abstract class DeployedCheck implements Check {

    protected final String connector;
    private final String name;
    private final String unit;
    private final List<String> notes = new ArrayList<>();
    private String compared = "";

    DeployedCheck(String name, String unit, String connector) {
        this.name = name;
        this.unit = unit;
        this.connector = connector;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String unit() {
        return unit;
    }

    @Override
    public final List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public final String compared() {
        return compared;
    }

    @Override
    public final CheckOutcome run(CdcStack stack) throws Exception {
        notes.clear();
        compared = "";
        ConnectClient connect = new ConnectClient(stack.connectUrl());
        return check(stack, connect, DeployedConnector.load(connect, connector));
    }

    /** The check itself; its outcome counts how many of its {@link #unit()} it verified. */
    protected abstract CheckOutcome check(CdcStack stack, ConnectClient connect, DeployedConnector deployed) throws Exception;

    /** What the run compared beyond its count, for the result line, e.g. {@code 2 tables, 7 events}. */
    protected final void compared(String what) {
        this.compared = what;
    }

    protected final void note(String line) {
        notes.add(line);
    }

    protected final void noteAll(Collection<String> lines) {
        notes.addAll(lines);
    }
}
