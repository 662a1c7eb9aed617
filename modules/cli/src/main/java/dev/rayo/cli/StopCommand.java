package dev.rayo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code rayo stop}: stops the nodes that {@code rayo start} launched on this machine. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the Rayo nodes started on this machine (SIGTERM, then SIGKILL after the grace period).")
final class StopCommand implements Callable<Integer> {

    @Option(names = "--grace-seconds", defaultValue = "30", description = "How long a node may take to leave (default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Override
    public Integer call() {
        NodeRegistry registry = NodeRegistry.standard();
        int stopped = 0;
        for (NodeRegistry.Recorded node : registry.recorded()) {
            Optional<ProcessHandle> handle = ProcessHandle.of(node.pid());
            if (handle.isPresent() && handle.get().isAlive()) {
                ProcessHandle p = handle.get();
                p.destroy();
                try {
                    p.onExit().get(graceSeconds, TimeUnit.SECONDS);
                } catch (Exception timeout) {
                    p.destroyForcibly();
                }
                stopped++;
                System.out.println("Stopped node " + node.address() + " (pid " + node.pid() + ")");
            }
            registry.forget(node.pid());
        }
        System.out.println(stopped == 0 ? "No Rayo nodes were running." : "Stopped " + stopped + " node(s).");
        return 0;
    }
}
