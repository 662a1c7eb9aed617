package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.runtime.state.Answer;
import dev.rayo.runtime.state.ClusterState;
import dev.rayo.runtime.state.ObjectRow;
import dev.rayo.runtime.state.StateEndpoint;
import dev.rayo.runtime.state.TaskHistorySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The state API of OPERATIONS.md over {@link ClusterState}: what {@code GET /api/...} answers and what the
 * CLI prints with {@code --json}. Stages fail with {@link QueryException} for bad input (possibly wrapped in a
 * {@link java.util.concurrent.CompletionException}; {@link #cause(Throwable)} unwraps it). Nothing blocks:
 * input is checked at once, and the answers are computed on the threads that complete the cluster's answers.
 * <p>
 * Every list and summary also says what the cluster could not answer: {@code dropped_events} (task events the
 * nodes' bounded logs overwrote) and {@code unanswered_nodes} (members that did not answer in time).
 * <p>
 * {@link #ofHistory} answers the task queries (tasks list, get, summary, timeline) from another
 * {@link TaskHistorySource}, e.g. the journal database when the cluster is gone, with the same JSON; the other
 * kinds fail with 400, since only task events are exported.
 */
public final class StateQueries {
    /** Rows per page when the query names no limit. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most rows one page may ask for. */
    public static final int MAX_LIMIT = 10_000;
    /** The kinds {@link #list} answers. */
    public static final List<String> LIST_KINDS = List.of("nodes", "tasks", "actors", "objects");
    /** The kinds {@link #get} answers (the plural, as in the endpoints' paths, is accepted too). */
    public static final List<String> GET_KINDS = List.of("task", "actor", "object");
    /** The kinds {@link #summary} answers. */
    public static final List<String> SUMMARY_KINDS = List.of("tasks", "actors", "objects");

    /** The message (after the query's kind) of a query that a task history alone can't answer. */
    static final String TASKS_ONLY = "the journal keeps task events only: ";

    /** The live cluster, or null when only a task history is read. */
    private final ClusterState state;
    private final TaskHistorySource history;

    /** Queries answered from {@code state}. */
    public StateQueries(ClusterState state) {
        this.state = state;
        this.history = state;
    }

    private StateQueries(TaskHistorySource history) {
        this.state = null;
        this.history = history;
    }

    /**
     * Queries answered from a task history alone (e.g. {@link dev.rayo.runtime.state.ExportedHistory}, read from
     * the journal database): tasks lists, gets, summaries and the timeline as from the live cluster; nodes,
     * actors, objects and memory fail with {@link QueryException} 400.
     */
    public static StateQueries ofHistory(TaskHistorySource history) {
        return new StateQueries(history);
    }

    /** Fails with 400 unless the live cluster is read. */
    private void needCluster(String what) {
        if (state == null) {
            throw QueryException.badRequest(TASKS_ONLY + what + " are not in it (ask a running cluster with --address)");
        }
    }

    /** The columns of the rows of list kind {@code kind} (checked), the names {@code --filter} accepts. */
    public static List<String> columns(String kind) {
        return switch (listKind(kind)) {
            case "nodes" -> RowJson.NODE_COLUMNS;
            case "tasks" -> RowJson.TASK_COLUMNS;
            case "actors" -> RowJson.ACTOR_COLUMNS;
            default -> RowJson.OBJECT_COLUMNS;
        };
    }

    /**
     * Checks a list query without asking the cluster (the CLI does so before it joins).
     *
     * @throws QueryException (400) for an unknown kind, a malformed filter or page
     */
    public static void checkList(String kind, List<String> filters, int limit, int offset) {
        Filters.parse(listKind(kind), columns(kind), filters);
        Paging.of(limit, offset);
    }

    /** Checks the kind of a {@link #get} without asking the cluster (400 when unknown). */
    public static void checkGet(String kind) {
        getKind(kind);
    }

    /** Checks the kind of a {@link #summary} without asking the cluster (400 when unknown). */
    public static void checkSummary(String kind) {
        summaryKind(kind);
    }

    /** Checks the grouping and order of a {@link #memory} without asking the cluster (400 when unknown). */
    public static void checkMemory(String groupBy, String sortBy) {
        MemoryReport.groupBy(groupBy);
        MemoryReport.sortBy(sortBy);
    }

    /** Checks the {@code since} of a {@link #timeline} without asking the cluster (400 when malformed). */
    public static void checkTimeline(String since) {
        Durations.parse(since);
    }

    /**
     * {@code GET /api/{kind}} and {@code rayo list KIND}: {@code {"total": N, "truncated": bool, "items": [...]}}
     * for kind {@code nodes|tasks|actors|objects}, each filter {@code key=value} on a column (snake_case name),
     * {@code limit} rows from {@code offset}.
     */
    public CompletionStage<ObjectNode> list(String kind, List<String> filters, int limit, int offset) {
        return checked(() -> {
            String k = listKind(kind);
            Filters f = Filters.parse(k, columns(k), filters);
            Paging page = Paging.of(limit, offset);
            if (!k.equals("tasks")) {
                needCluster(k);
            }
            return switch (k) {
                case "nodes" -> state.nodes().thenApply(a -> listed(a, RowJson::node, f, page, false));
                case "tasks" -> history.tasks().thenApply(a -> listed(a, RowJson::task, f, page, a.dropped() > 0));
                case "actors" -> state.actors().thenApply(a -> listed(a, RowJson::actor, f, page, false));
                default -> state.objects().thenApply(a -> listed(a, RowJson::object, f, page, ownerAtCap(a.rows())));
            };
        });
    }

    /** {@code GET /api/{kind}/{id}} and {@code rayo get KIND ID}: one task, actor or object in full. */
    public CompletionStage<ObjectNode> get(String kind, String id) {
        return checked(() -> {
            String k = getKind(kind);
            if (id == null || id.isBlank()) {
                throw QueryException.badRequest("no " + k + " id given");
            }
            if (!k.equals("task")) {
                needCluster(k + "s");
            }
            return switch (k) {
                case "task" -> history.task(id).thenCompose(found -> found.isPresent()
                        ? CompletableFuture.completedFuture(RowJson.taskDetail(found.get()))
                        : state == null ? CompletableFuture.failedFuture(QueryException.notFound("no task with id " + id
                                + " in the exported task events"))
                        : state.descriptions().thenApply(d -> {
                            int kept = d.rows().stream().mapToInt(StateEndpoint.Description::eventCapacity).max().orElse(0);
                            throw QueryException.notFound("no task with id " + id + " (the nodes keep the latest "
                                    + kept + " events each)");
                        }));
                case "actor" -> state.actors().thenApply(a -> a.rows().stream().filter(r -> r.actorId().equals(id))
                        .findFirst().map(RowJson::actor)
                        .orElseThrow(() -> QueryException.notFound("no actor with id " + id)));
                default -> state.object(id).thenApply(o -> o.map(RowJson::object)
                        .orElseThrow(() -> QueryException.notFound("no object with id " + id
                                + " (an object is listed while its owner keeps it)")));
            };
        });
    }

    /** {@code GET /api/summary/{kind}} and {@code rayo summary KIND}: counts per name and state. */
    public CompletionStage<ObjectNode> summary(String kind) {
        return checked(() -> {
            String k = summaryKind(kind);
            if (!k.equals("tasks")) {
                needCluster(k);
            }
            return switch (k) {
                case "tasks" -> history.tasks().thenApply(a -> complete(Summaries.summarize(k, rows(a, RowJson::task),
                        r -> r.get("name").asText(), r -> r.get("state").asText()), a, a.dropped() > 0));
                case "actors" -> state.actors().thenApply(a -> complete(Summaries.summarize(k, rows(a, RowJson::actor),
                        r -> r.get("class_name").asText(), r -> r.get("state").asText()), a, false));
                default -> state.objects().thenCombine(state.tasks(), (objects, tasks) -> {
                    Map<String, String> names = new HashMap<>();
                    tasks.rows().forEach(t -> names.put(t.taskId(), t.name()));
                    ObjectNode out = Summaries.summarize(k, rows(objects, RowJson::object),
                            r -> r.get("is_put").asBoolean() ? "put"
                                    : names.getOrDefault(r.get("task_id").asText(), r.get("task_id").asText()),
                            r -> r.get("status").asText());
                    return complete(out, objects, ownerAtCap(objects.rows()));
                });
            };
        });
    }

    /** {@code GET /api/memory} and {@code rayo memory}: objects per store, per-node totals. */
    public CompletionStage<ObjectNode> memory(String groupBy, String sortBy) {
        return checked(() -> {
            String g = MemoryReport.groupBy(groupBy);
            String s = MemoryReport.sortBy(sortBy);
            needCluster("objects in memory");
            return state.nodes().thenCombine(state.objects(), (nodes, objects) -> {
                ObjectNode out = MemoryReport.build(g, s, nodes.rows(), objects.rows());
                out.put("truncated", ownerAtCap(objects.rows()));
                out.put("dropped_events", nodes.dropped());
                java.util.TreeSet<String> unanswered = new java.util.TreeSet<>(nodes.unanswered());
                unanswered.addAll(objects.unanswered());
                out.set("unanswered_nodes", RowJson.strings(unanswered));
                return out;
            });
        });
    }

    /** {@code GET /api/timeline?since=} and {@code rayo timeline}: the Chrome trace, as text. */
    public CompletionStage<String> timeline(String since) {
        return checked(() -> {
            Duration d = Durations.parse(since);
            long sinceMicros = d == null ? 0 : Math.max(0, System.currentTimeMillis() * 1000 - d.toNanos() / 1000);
            return history.timeline(sinceMicros);
        });
    }

    /** The cluster state read, or null when only a task history is ({@link #ofHistory}). */
    public ClusterState state() {
        return state;
    }

    /** The {@link QueryException} (or other error) behind a failed stage's {@code error}. */
    public static Throwable cause(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    // ------------------------------------------------------------------ helpers

    private <T> ObjectNode listed(Answer<T> answer, Function<T, ObjectNode> json, Filters filters, Paging page,
                                  boolean incomplete) {
        List<ObjectNode> rows = rows(answer, json).stream().filter(filters).toList();
        return complete(page.page(rows, incomplete), answer, incomplete);
    }

    private static <T> List<ObjectNode> rows(Answer<T> answer, Function<T, ObjectNode> json) {
        return answer.rows().stream().map(json).toList();
    }

    /** Adds what the cluster left out; {@code truncated} is set when missing or when {@code incomplete}. */
    private static ObjectNode complete(ObjectNode out, Answer<?> answer, boolean incomplete) {
        if (!out.has("truncated") || incomplete) {
            out.put("truncated", incomplete || out.path("truncated").asBoolean());
        }
        out.put("dropped_events", answer.dropped());
        out.set("unanswered_nodes", RowJson.strings(answer.unanswered()));
        return out;
    }

    /** Whether some owner listed as many objects as one query reads of it, so it may own more. */
    private boolean ownerAtCap(List<ObjectRow> rows) {
        Map<String, Integer> perOwner = new HashMap<>();
        rows.forEach(r -> perOwner.merge(r.owner(), 1, Integer::sum));
        return perOwner.values().stream().anyMatch(n -> n >= state.maxObjectsPerNode());
    }

    private static String listKind(String kind) {
        return kind(kind, LIST_KINDS, "list");
    }

    private static String summaryKind(String kind) {
        return kind(kind, SUMMARY_KINDS, "summary");
    }

    private static String getKind(String kind) {
        String k = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        if (k.endsWith("s") && GET_KINDS.contains(k.substring(0, k.length() - 1))) {
            k = k.substring(0, k.length() - 1);
        }
        return kind(k, GET_KINDS, "get");
    }

    private static String kind(String kind, List<String> kinds, String what) {
        String k = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        if (!kinds.contains(k)) {
            throw QueryException.badRequest("unknown kind '" + kind + "' for " + what + ": expected one of "
                    + String.join(", ", kinds));
        }
        return k;
    }

    private static <T> CompletionStage<T> checked(Supplier<CompletionStage<T>> query) {
        try {
            return query.get();
        } catch (QueryException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
