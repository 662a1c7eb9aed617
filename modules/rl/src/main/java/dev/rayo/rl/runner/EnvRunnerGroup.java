package dev.rayo.rl.runner;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.api.exception.RayoActorException;
import dev.rayo.api.exception.RayoTaskException;
import dev.rayo.rl.EnvCreator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of env runners, RLlib's EnvRunnerGroup: one Rayo actor per runner (each holding {@code resources}, one
 * thread), or with zero runners a single {@link RunnerState} in the driver so a run is reproducible and needs no
 * cluster. Algorithms send {@link RolloutTask}s to every runner ({@link #runOnAll}) or to one ({@link #submit}).
 *
 * <p>A runner that dies with its node is replaced by a fresh actor, seeded deterministically from the group's
 * seed, the runner's index and its generation, and its share of the work is run again: training goes on with the
 * other runners' results untouched. Runner {@code i}'s first generation gets the same seed as the driver-local
 * runner, so one remote runner samples what zero runners would.
 */
public final class EnvRunnerGroup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnvRunnerGroup.class);
    /** How often one share of work is retried on a replacement runner before the failure surfaces. */
    private static final int MAX_REPLACEMENTS_PER_CALL = 3;

    private final EnvCreator creator;
    private final Map<String, Double> resources;
    private final long seed;
    private final EnvSpec spec;
    private final RunnerState local;
    private final List<ActorHandle<EnvRunner>> runners = new ArrayList<>();
    private final int[] generations;
    private boolean closed;

    /**
     * Checks the env and starts the runners.
     *
     * @param creator    makes each runner's env; must be serializable
     * @param numRunners how many runner actors; 0 = one runner state in the calling thread
     * @param resources  what each runner actor holds (null = 1 CPU)
     * @param seed       fixes every runner's random stream and episode seeds
     * @throws IllegalArgumentException the creator does not serialize or its env breaks its contract
     */
    public EnvRunnerGroup(EnvCreator creator, int numRunners, Map<String, Double> resources, long seed) {
        if (numRunners < 0) {
            throw new IllegalArgumentException("numRunners must be >= 0, got " + numRunners);
        }
        this.spec = EnvCheck.check(creator);
        this.creator = creator;
        this.resources = resources == null ? Map.of("CPU", 1.0) : Map.copyOf(resources);
        this.seed = seed;
        this.generations = new int[numRunners];
        if (numRunners == 0) {
            local = new RunnerState(creator, 0, runnerSeed(seed, 0, 0));
        } else {
            local = null;
            for (int i = 0; i < numRunners; i++) {
                runners.add(startRunner(i));
            }
        }
    }

    /** The env's shape, as checked on creation. */
    public EnvSpec spec() {
        return spec;
    }

    /** How many runners there are: the actors' count, or 1 for the driver-local runner. */
    public int size() {
        return local != null ? 1 : runners.size();
    }

    /** Whether the runners are actors (false: the driver-local runner). */
    public boolean isRemote() {
        return local == null;
    }

    /**
     * Runs {@code task} on every runner at once and waits for all results, in runner order. A runner that died is
     * replaced and its task run again on the replacement.
     *
     * @throws IllegalArgumentException a task failed on an env contract check (the message names it)
     */
    public <R> List<R> runOnAll(RolloutTask<R> task) {
        checkOpen();
        if (local != null) {
            return List.of(runLocal(task));
        }
        List<ObjectRef<Object>> refs = new ArrayList<>(runners.size());
        for (int i = 0; i < runners.size(); i++) {
            refs.add(call(i, task));
        }
        List<R> results = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            results.add(await(i, refs.get(i), task));
        }
        return results;
    }

    /**
     * Starts {@code task} on runner {@code runner} and returns at once (A3C's asynchronous workers). The caller
     * gets the ref; {@link #await} gets its value with the same replacement on death as {@link #runOnAll}.
     * With the driver-local runner the task runs now and its result is put in the object store.
     */
    @SuppressWarnings("unchecked")
    public <R> ObjectRef<R> submit(int runner, RolloutTask<R> task) {
        checkOpen();
        if (local != null) {
            checkIndex(runner, 1);
            return Rayo.put(runLocal(task));
        }
        checkIndex(runner, runners.size());
        return (ObjectRef<R>) (ObjectRef<?>) call(runner, task);
    }

    /**
     * The value of {@code ref}, a result of {@code task} submitted to {@code runner}; if the runner died, replaces
     * it and runs {@code task} again there.
     */
    @SuppressWarnings("unchecked")
    public <R> R await(int runner, ObjectRef<?> ref, RolloutTask<R> task) {
        ObjectRef<?> current = ref;
        for (int attempt = 0; ; attempt++) {
            try {
                return (R) Rayo.get(current);
            } catch (RayoActorException | ObjectLostException e) {
                if (attempt >= MAX_REPLACEMENTS_PER_CALL) {
                    throw e;
                }
                LOG.warn("env runner {} died ({}); replacing it and re-running its task", runner, e.toString());
                replace(runner);
                current = call(runner, task);
            } catch (RayoTaskException e) {
                if (e.getCause() instanceof IllegalArgumentException iae) {
                    throw new IllegalArgumentException("env runner " + runner + ": " + iae.getMessage(), e);
                }
                throw e;
            }
        }
    }

    /** Kills the runner actors; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ActorHandle<EnvRunner> h : runners) {
            try {
                h.kill();
            } catch (RuntimeException e) {
                LOG.debug("killing env runner {} failed: {}", h.actorId(), e.toString());
            }
        }
        runners.clear();
    }

    /** How many times runner {@code runner} was replaced. */
    public int replacements(int runner) {
        return local != null ? 0 : generations[runner];
    }

    /** The actor behind runner {@code runner}, for tests and tools that need to find where it runs. */
    public ActorHandle<EnvRunner> handle(int runner) {
        checkIndex(runner, runners.size());
        return runners.get(runner);
    }

    /** Runner {@code index}'s seed in its {@code generation}th incarnation: distinct, and fixed by the group seed. */
    static long runnerSeed(long seed, int index, int generation) {
        long mixed = seed ^ (0x9E3779B97F4A7C15L * (index + 1L) + 0xBF58476D1CE4E5B9L * generation);
        return new SplittableRandom(mixed).nextLong();
    }

    private <R> R runLocal(RolloutTask<R> task) {
        try {
            return task.run(local);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("rollout task failed: " + e, e);
        }
    }

    private ObjectRef<Object> call(int runner, RolloutTask<?> task) {
        return runners.get(runner).task(EnvRunner::run, task).remote();
    }

    private synchronized void replace(int runner) {
        try {
            runners.get(runner).kill();
        } catch (RuntimeException e) {
            LOG.debug("killing dead env runner {} failed: {}", runner, e.toString());
        }
        generations[runner]++;
        runners.set(runner, startRunner(runner));
    }

    private ActorHandle<EnvRunner> startRunner(int index) {
        long s = runnerSeed(seed, index, generations[index]);
        return Rayo.actor(EnvRunner::new, creator, index, s).setResources(resources).setMaxRestarts(0).remote();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("env runner group is closed");
        }
    }

    private static void checkIndex(int runner, int size) {
        if (runner < 0 || runner >= size) {
            throw new IllegalArgumentException("runner " + runner + " out of range 0.." + (size - 1));
        }
    }
}
