package dev.rayo.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.dashboard.query.QueryException;
import dev.rayo.dashboard.query.RowJson;
import dev.rayo.dashboard.query.StateQueries;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the state commands ({@code rayo list/get/summary/memory/timeline/dashboard}) share: checking their
 * input before anything is asked of the cluster, a {@link ClusterClient} visit (or, with {@code --journal} on the
 * task commands, a read of the journal database: {@link JournalHistory}), and failures as one line on stderr
 * with exit code 1 (never a stack trace); misused options exit with 2.
 */
abstract class StateCommand implements Callable<Integer> {
    /** How long a command waits for the cluster's answer. */
    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    /**
     * Checks the command's input without the cluster.
     *
     * @throws QueryException for bad input
     */
    void check() {
    }

    /** The {@code --journal} options of a command that can read the journal database, else null. */
    JournalOptions journalOptions() {
        return null;
    }

    /** Runs the command with the client, printing to {@code out}: by default, with the client's queries. */
    void run(ClusterClient client, PrintWriter out) throws Exception {
        run(client.queries(), out);
    }

    /** Runs the command with {@code queries} (of the cluster or of the journal), printing to {@code out}. */
    void run(StateQueries queries, PrintWriter out) throws Exception {
        throw new UnsupportedOperationException("rayo " + spec.name() + " needs a running cluster");
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String usage = usageError();
        if (usage != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("rayo " + spec.name() + ": " + usage);
            err.flush();
            return 2;
        }
        JournalOptions journal = journalOptions();
        try {
            check();
            if (journal != null && journal.journal) {
                try (JournalHistory history = JournalHistory.open(journal, cluster.clusterName)) {
                    run(history.queries(), out);
                }
            } else {
                try (ClusterClient client = ClusterClient.join(cluster)) {
                    run(client, out);
                }
            }
            out.flush();
            return 0;
        } catch (Exception | LinkageError e) {
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println("rayo " + spec.name() + ": " + oneLine(e));
            err.flush();
            return 1;
        }
    }

    /** What is wrong with the combination of options given, or null. */
    private String usageError() {
        JournalOptions journal = journalOptions();
        boolean fromJournal = journal != null && journal.journal;
        if (fromJournal && cluster.address != null) {
            return "--address and --journal exclude each other (the journal is read without a cluster)";
        }
        if (!fromJournal && cluster.address == null) {
            return "give --address HOST:PORT (any node of the cluster)" + (journal == null ? "" : " or --journal");
        }
        if (journal != null && !journal.journal && journal.configFile != null) {
            return "--config FILE is read with --journal only";
        }
        return null;
    }

    /** The answer of {@code stage}, waited for at most a minute. */
    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = StateQueries.cause(e);
            throw cause instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster did not answer within " + ANSWER_TIMEOUT_SECONDS + " s");
        }
    }

    /** Prints {@code json} as the endpoint answers it (compact, one line). */
    static void printJson(PrintWriter out, ObjectNode json) throws Exception {
        out.println(RowJson.MAPPER.writeValueAsString(json));
    }

    /** The first line of an error's message (its class name when it has none). */
    static String oneLine(Throwable e) {
        Throwable cause = StateQueries.cause(e);
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            message = cause.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
