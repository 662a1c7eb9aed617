package dev.rayo.rl.runner;

import dev.rayo.rl.Env;
import dev.rayo.rl.EnvCreator;
import dev.rayo.rl.StepResult;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * Checks an env creator before any runner starts, so a broken env fails at {@code build()} with a message naming
 * the problem rather than deep inside a remote rollout: the creator must serialize (every runner, anywhere in the
 * cluster, makes its own env), and the env must keep its own contract (observations of {@code observationSize()},
 * every action in {@code 0..numActions()-1} accepted).
 */
public final class EnvCheck {
    private static final long PROBE_SEED = 0x5EED;

    private EnvCheck() {
    }

    /**
     * Checks {@code creator} and one env it makes; returns the env's shape.
     *
     * @throws IllegalArgumentException naming the non-serializable class, or the expected and actual sizes
     */
    public static EnvSpec check(EnvCreator creator) {
        if (creator == null) {
            throw new IllegalArgumentException("no env creator given");
        }
        checkSerializable(creator);
        Env env = creator.create();
        if (env == null) {
            throw new IllegalArgumentException("env creator " + creator.getClass().getName() + " returned null");
        }
        String name = env.getClass().getName();
        int obsSize = env.observationSize();
        int numActions = env.numActions();
        if (obsSize <= 0 || numActions <= 0) {
            throw new IllegalArgumentException("env " + name + " declares observationSize() = " + obsSize
                    + " and numActions() = " + numActions + "; both must be positive");
        }
        checkSize(name, "reset", obsSize, env.reset(PROBE_SEED));
        for (int a = 0; a < numActions; a++) {
            env.reset(PROBE_SEED + a);
            StepResult r;
            try {
                r = env.step(a);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("env " + name + " rejected action " + a + " although numActions() = "
                        + numActions + " declares actions 0.." + (numActions - 1) + " valid: " + e, e);
            }
            if (r == null) {
                throw new IllegalArgumentException("env " + name + " returned null from step(" + a + ")");
            }
            checkSize(name, "step(" + a + ")", obsSize, r.observation());
        }
        return new EnvSpec(obsSize, numActions);
    }

    /** Throws {@link IllegalArgumentException} naming the class that keeps {@code creator} from serializing. */
    public static void checkSerializable(EnvCreator creator) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(creator);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("env creator " + creator.getClass().getName()
                    + " is not serializable: it holds a " + e.getMessage() + ", which is not Serializable. Env runners "
                    + "on other nodes rebuild the env from the creator; pass e.g. CartPole::new or a lambda that "
                    + "captures only serializable values", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("env creator " + creator.getClass().getName()
                    + " is not serializable: " + e, e);
        }
    }

    /** Throws an {@link IllegalArgumentException} naming the sizes unless {@code obs} has {@code expected} values. */
    static void checkSize(String name, String call, int expected, double[] obs) {
        if (obs == null || obs.length != expected) {
            throw new IllegalArgumentException("env " + name + " returned an observation of size "
                    + (obs == null ? "null" : String.valueOf(obs.length)) + " from " + call + ", expected "
                    + expected + " (observationSize())");
        }
    }
}
