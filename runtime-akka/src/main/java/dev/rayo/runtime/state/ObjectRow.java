package dev.rayo.runtime.state;

import java.util.List;

/**
 * One object, as its owner records it.
 *
 * @param objectId  the object id
 * @param sizeBytes its encoded size (0 while pending)
 * @param owner     the node that owns it (its ref counts and lineage)
 * @param locations the nodes holding its value: the store's node, or the owner for a small inline value
 * @param taskId    the task or actor call that returns it, empty for {@code put}
 * @param isPut     whether {@code put} made it
 * @param status    {@code PENDING}, {@code READY}, {@code FAILED} or {@code LOST}
 */
public record ObjectRow(String objectId, long sizeBytes, String owner, List<String> locations, String taskId,
                        boolean isPut, String status) {
}
