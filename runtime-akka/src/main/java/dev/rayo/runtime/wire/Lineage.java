package dev.rayo.runtime.wire;

/**
 * What an owner keeps to make an object again when its only copy is lost: the spec of the task that
 * returned it. A marker, so that the owner's object table holds lineage without depending on how a task
 * is described.
 */
public interface Lineage {
    /** The objects the task returns. */
    java.util.List<String> returnIds();

    /** The task's display name. */
    String name();
}
