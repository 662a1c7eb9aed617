package dev.rayo.api;

import java.util.List;

/**
 * The outcome of {@code Rayo.wait}: {@code ready} holds at most {@code numReturns} refs whose objects are
 * available, {@code unready} the rest; both keep the order of the refs given to {@code wait}.
 *
 * @param ready   refs whose objects are available (value or error)
 * @param unready every other ref
 * @param <T>     the type of the objects
 */
public record WaitResult<T>(List<ObjectRef<T>> ready, List<ObjectRef<T>> unready) {

    /** Copies both lists so the result can't change under its reader. */
    public WaitResult {
        ready = List.copyOf(ready);
        unready = List.copyOf(unready);
    }
}
