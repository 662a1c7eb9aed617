package dev.rayo.runtime.actor;

import akka.actor.typed.ActorSystem;
import dev.rayo.api.exception.RayoException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates the journal's tables once per process, when persistent actors are first used here (at creation
 * by the caller, and when an entity starts on a node that never created one), so a program that uses no
 * persistent actor never touches the database.
 */
public final class JournalPreparer {
    private final ActorSystem<?> system;
    private final boolean createSchema;
    private final String journal;
    private final Duration timeout;
    private final AtomicBoolean ready = new AtomicBoolean();

    /**
     * @param createSchema whether to create missing tables at all ({@code rayo.persistence.create-schema})
     * @param journal      the journal's name, for the error message
     * @param timeout      how long creating the tables may take
     */
    public JournalPreparer(ActorSystem<?> system, boolean createSchema, String journal, Duration timeout) {
        this.system = system;
        this.createSchema = createSchema;
        this.journal = journal;
        this.timeout = timeout;
    }

    /** Makes sure the tables exist; throws a {@link RayoException} when the database can't be prepared. */
    public void ensure() {
        if (!createSchema || ready.get()) {
            return;
        }
        synchronized (ready) {
            if (ready.get()) {
                return;
            }
            try {
                JournalSchema.createIfMissing(system, timeout);
                ready.set(true);
            } catch (Exception e) {
                throw new RayoException("the actor journal can't be prepared (" + journal + "): " + e, e);
            }
        }
    }
}
