/**
 * Tasks, from submission to execution: {@code TaskSubmitter} and {@code ArgumentEncoder} on the caller's side
 * (with {@code DeclaredRefs}: a parameter declared {@code ObjectRef} gets the ref, not its value);
 * on the executing side one {@link dev.rayo.runtime.task.Invocation} (resolve → decode under the caller's code →
 * invoke → store or fail every return id) used by the task runner and both actor hosts; the
 * {@code TaskRunner} behavior of one attempt; the thread's {@code TaskContext} and managed {@code Blocking}.
 */
package dev.rayo.runtime.task;
