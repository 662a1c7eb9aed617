package dev.rayo.runtime.state;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.ddata.LWWMap;
import akka.cluster.ddata.typed.javadsl.DistributedData;
import akka.cluster.ddata.typed.javadsl.Replicator;
import akka.cluster.typed.Cluster;
import dev.rayo.runtime.actor.ActorTable;
import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.ownership.ObjectTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * The cluster's state read from any member, for the dashboard, the state CLI and {@code Rayo.timeline}: asks
 * every member's {@link StateEndpoint} for what it recorded, page by page, and merges the answers. A member
 * that does not answer within the timeout is named in the answer's {@code unanswered} and left out, so one
 * dead or stalled node never stops the view of the others.
 * <p>
 * Every call returns a stage completed on Akka's threads; none blocks.
 */
public final class ClusterState implements TaskHistorySource {
    /** Rows per page asked of one node: well inside one Artery frame. */
    static final int PAGE = 500;

    private final ActorSystem<?> system;
    private final ClusterView view;
    private final ActorTable actorTable;
    private final Duration timeout;
    private final int maxObjectsPerNode;
    private final AtomicReference<String> dashboardUrl = new AtomicReference<>("");

    /**
     * State read through {@code system}, with {@code view} for resources, {@code actorTable} for actors; each
     * node's answer waits at most {@code timeout}, and at most {@code maxObjectsPerNode} objects are read from
     * one owner.
     */
    public ClusterState(ActorSystem<?> system, ClusterView view, ActorTable actorTable, Duration timeout,
                        int maxObjectsPerNode) {
        this.system = system;
        this.view = view;
        this.actorTable = actorTable;
        this.timeout = timeout;
        this.maxObjectsPerNode = maxObjectsPerNode;
    }

    /** Announces the dashboard this node serves (empty: none), which {@link #nodes()} then lists. */
    public void publishDashboard(String url) {
        dashboardUrl.set(url == null ? "" : url);
    }

    /** The most objects read from one owner ({@code rayo.state.max-objects-per-node}); an owner at it has more. */
    public int maxObjectsPerNode() {
        return maxObjectsPerNode;
    }

    /** The dashboard this node serves, or empty. */
    public String dashboardUrl() {
        return dashboardUrl.get();
    }

    // ------------------------------------------------------------------ nodes

    /** Every member (clients of the CLI left out), with resources, store use and the dashboard each serves. */
    public CompletionStage<Answer<NodeRow>> nodes() {
        return askEveryMember((ref, replyTo) -> new StateEndpoint.Describe(replyTo), StateEndpoint.Description.class)
                .thenApply(answers -> {
                    Map<String, NodeInfo> infos = new HashMap<>();
                    view.nodes().forEach(n -> infos.put(n.address(), n));
                    List<NodeRow> rows = new ArrayList<>();
                    long dropped = 0;
                    for (Member m : members()) {
                        String address = m.address().toString();
                        NodeInfo info = infos.get(address);
                        StateEndpoint.Description d = answers.answered().get(address);
                        dropped += d == null ? 0 : d.droppedEvents();
                        rows.add(new NodeRow(nodeIdOf(address), address,
                                m.status() == MemberStatus.up() ? "ALIVE" : m.status().toString().toUpperCase(),
                                info == null ? Map.of() : info.total().toAmounts(),
                                info == null ? Map.of() : info.available().toAmounts(),
                                info == null ? 0 : info.load().storeUsedBytes(),
                                info == null ? 0 : info.load().storeCapacityBytes(),
                                m.getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().toList(),
                                d == null ? "" : d.dashboardUrl(), d == null ? 0 : d.recordedEvents(),
                                d == null ? 0 : d.droppedEvents()));
                    }
                    rows.sort(Comparator.comparing(NodeRow::nodeId));
                    return new Answer<>(rows, dropped, answers.unanswered());
                });
    }

    /** Every member's own description, keyed by node id, for counters only a node knows. */
    public CompletionStage<Answer<StateEndpoint.Description>> descriptions() {
        return askEveryMember((ref, replyTo) -> new StateEndpoint.Describe(replyTo), StateEndpoint.Description.class)
                .thenApply(a -> new Answer<>(List.copyOf(a.answered().values()),
                        a.answered().values().stream().mapToLong(StateEndpoint.Description::droppedEvents).sum(),
                        a.unanswered()));
    }

    // ------------------------------------------------------------------ tasks

    /** Every task whose events the nodes still keep, merged into one history per task, oldest first. */
    public CompletionStage<Answer<TaskHistory>> histories() {
        return events().thenApply(a -> new Answer<>(List.copyOf(TaskHistory.fold(a.rows()).values()), a.dropped(),
                a.unanswered()));
    }

    /** One row per task, oldest first. */
    @Override
    public CompletionStage<Answer<TaskRow>> tasks() {
        return histories().thenApply(a -> new Answer<>(a.rows().stream().map(TaskHistory::row).toList(), a.dropped(),
                a.unanswered()));
    }

    /** The task {@code taskId} in full, or empty when no node kept an event of it. */
    @Override
    public CompletionStage<Optional<TaskDetail>> task(String taskId) {
        return events().thenApply(a -> {
            List<TaskEvent> mine = a.rows().stream().filter(e -> e.taskId().equals(taskId)).toList();
            return mine.isEmpty() ? Optional.empty()
                    : Optional.of(TaskHistory.fold(mine).get(taskId).detail());
        });
    }

    /** The Chrome trace of every attempt that ended at or after {@code sinceMicros} (epoch microseconds). */
    @Override
    public CompletionStage<String> timeline(long sinceMicros) {
        return histories().thenApply(a -> {
            List<ChromeTrace.Traced> traced = new ArrayList<>();
            for (TaskHistory h : a.rows()) {
                for (AttemptRow attempt : h.attemptRows()) {
                    if (attempt.endMicros() >= sinceMicros) {
                        traced.add(new ChromeTrace.Traced(h.taskId(), h.name(), attempt));
                    }
                }
            }
            return ChromeTrace.write(traced, members().stream().map(m -> nodeIdOf(m.address().toString())).toList());
        });
    }

    /** Every task event the members keep, and how many they dropped. */
    public CompletionStage<Answer<TaskEvent>> events() {
        List<Member> members = members();
        List<CompletableFuture<List<TaskEvent>>> perNode = new ArrayList<>();
        List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
        for (Member m : members) {
            String address = m.address().toString();
            CompletableFuture<List<TaskEvent>> all = new CompletableFuture<>();
            readEvents(endpoint(address), 0, new ArrayList<>(), all);
            perNode.add(all.exceptionally(e -> {
                unanswered.add(nodeIdOf(address));
                return List.of();
            }));
        }
        return descriptions().thenCombine(CompletableFuture.allOf(perNode.toArray(CompletableFuture[]::new)),
                (descriptions, done) -> {
                    List<TaskEvent> events = new ArrayList<>();
                    perNode.forEach(f -> events.addAll(f.join()));
                    return new Answer<>(events, descriptions.dropped(), List.copyOf(unanswered));
                });
    }

    private void readEvents(ActorRef<StateEndpoint.Command> endpoint, long from, List<TaskEvent> into,
                            CompletableFuture<List<TaskEvent>> done) {
        AskPattern.<StateEndpoint.Command, StateEndpoint.EventsRead>ask(endpoint,
                        replyTo -> new StateEndpoint.ReadEvents(from, PAGE, replyTo), timeout, system.scheduler())
                .whenComplete((page, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                        return;
                    }
                    into.addAll(page.events());
                    if (page.more()) {
                        readEvents(endpoint, page.next(), into, done);
                    } else {
                        done.complete(into);
                    }
                });
    }

    // ------------------------------------------------------------------ objects

    /** Every object the members own (up to the per-owner cap), merged. */
    public CompletionStage<Answer<ObjectRow>> objects() {
        List<Member> members = members();
        List<CompletableFuture<List<ObjectRow>>> perNode = new ArrayList<>();
        List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
        for (Member m : members) {
            String address = m.address().toString();
            CompletableFuture<List<ObjectTable.Owned>> all = new CompletableFuture<>();
            readObjects(endpoint(address), 0, new ArrayList<>(), all);
            String owner = nodeIdOf(address);
            perNode.add(all.thenApply(owned -> owned.stream().map(o -> new ObjectRow(o.objectId(), o.sizeBytes(),
                            owner, o.storedOn().isEmpty() ? (o.status().equals("READY") ? List.of(owner) : List.<String>of())
                            : List.of(nodeIdOf(o.storedOn())), o.taskId(), o.isPut(), o.status())).toList())
                    .exceptionally(e -> {
                        unanswered.add(owner);
                        return List.of();
                    }));
        }
        return CompletableFuture.allOf(perNode.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<ObjectRow> rows = new ArrayList<>();
            perNode.forEach(f -> rows.addAll(f.join()));
            return new Answer<>(rows, 0, List.copyOf(unanswered));
        });
    }

    /** The object {@code objectId}, asked of every owner, or empty when none owns it. */
    public CompletionStage<Optional<ObjectRow>> object(String objectId) {
        return objects().thenApply(a -> a.rows().stream().filter(o -> o.objectId().equals(objectId)).findFirst());
    }

    private void readObjects(ActorRef<StateEndpoint.Command> endpoint, int offset, List<ObjectTable.Owned> into,
                             CompletableFuture<List<ObjectTable.Owned>> done) {
        AskPattern.<StateEndpoint.Command, StateEndpoint.ObjectsRead>ask(endpoint,
                        replyTo -> new StateEndpoint.ReadObjects(offset, PAGE, replyTo), timeout, system.scheduler())
                .whenComplete((page, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                        return;
                    }
                    into.addAll(page.objects());
                    if (page.more() && into.size() < maxObjectsPerNode) {
                        readObjects(endpoint, offset + page.objects().size(), into, done);
                    } else {
                        done.complete(into);
                    }
                });
    }

    // ------------------------------------------------------------------ actors

    /**
     * Every actor in the replicated actor table, read from a majority of the members (a member that just
     * joined, like the CLI's client, may not have every update in its own copy yet), or this member's copy
     * when no majority answers in time: {@code DEAD} when killed, {@code PENDING_CREATION} before a node hosts
     * it, {@code RESTARTING} while its node is no member.
     */
    public CompletionStage<Answer<ActorRow>> actors() {
        return AskPattern.<Replicator.Command, Replicator.GetResponse<LWWMap<String, ActorTable.ActorRecord>>>ask(
                        DistributedData.get(system).replicator(),
                        replyTo -> new Replicator.Get<>(ActorTable.KEY, new Replicator.ReadMajority(timeout), replyTo),
                        timeout.plusSeconds(1), system.scheduler())
                .handle((read, error) -> read instanceof Replicator.GetSuccess<LWWMap<String, ActorTable.ActorRecord>> ok
                        ? actorRows(ok.get(ActorTable.KEY).getEntries().values()) : actorRows(actorTable.all()));
    }

    private Answer<ActorRow> actorRows(java.util.Collection<ActorTable.ActorRecord> records) {
        java.util.Set<String> live = new java.util.HashSet<>();
        members().forEach(m -> live.add(m.address().toString()));
        List<ActorRow> rows = new ArrayList<>();
        for (ActorTable.ActorRecord r : records) {
            String host = r.host() == null ? "" : r.host();
            String state = r.killed() ? "DEAD" : host.isEmpty() ? "PENDING_CREATION"
                    : live.contains(host) ? "ALIVE" : "RESTARTING";
            rows.add(new ActorRow(r.spec().actorId(), r.spec().className(), r.spec().name() == null ? "" : r.spec().name(),
                    state, host.isEmpty() ? "" : nodeIdOf(host), r.restarts(),
                    r.spec().namespace() == null ? "" : r.spec().namespace(), nodeIdOf(r.spec().ownerAddress())));
        }
        rows.sort(Comparator.comparing(ActorRow::actorId));
        return new Answer<>(rows, 0, List.of());
    }

    // ------------------------------------------------------------------ members

    /** The members whose state is read: every member that is up, leaving or joining, but no CLI client. */
    public List<Member> members() {
        List<Member> out = new ArrayList<>();
        for (Member m : Cluster.get(system).state().getMembers()) {
            if (!m.getRoles().contains("client") && m.status() != MemberStatus.removed()
                    && m.status() != MemberStatus.down()) {
                out.add(m);
            }
        }
        return out;
    }

    private <R> CompletionStage<Answered<R>> askEveryMember(
            BiFunction<ActorRef<StateEndpoint.Command>, ActorRef<R>, StateEndpoint.Command> message, Class<R> type) {
        Map<String, R> answered = Collections.synchronizedMap(new java.util.TreeMap<>());
        List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Member m : members()) {
            String address = m.address().toString();
            ActorRef<StateEndpoint.Command> ref = endpoint(address);
            all.add(AskPattern.<StateEndpoint.Command, R>ask(ref, replyTo -> message.apply(ref, replyTo), timeout,
                            system.scheduler()).toCompletableFuture()
                    .handle((r, e) -> {
                        if (e == null) {
                            answered.put(address, r);
                        } else {
                            unanswered.add(nodeIdOf(address));
                        }
                        return null;
                    }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Answered<>(answered, List.copyOf(unanswered)));
    }

    private record Answered<R>(Map<String, R> answered, List<String> unanswered) {
    }

    private ActorRef<StateEndpoint.Command> endpoint(String address) {
        return ActorRefResolver.get(system).resolveActorRef(address + "/system/" + StateEndpoint.NAME);
    }

    /** {@code host:port} of an Akka address, as node ids are written everywhere else. */
    public static String nodeIdOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(at + 1);
    }
}
