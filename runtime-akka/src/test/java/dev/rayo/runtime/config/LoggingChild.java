package dev.rayo.runtime.config;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program embedding Rayo, started by {@link LoggingDefaultsTest} in a JVM of its own: it starts Rayo, runs
 * a task, logs one DEBUG and one INFO line of its own, and prints the task's result.
 * Arguments: a cluster name and an object store directory of its own.
 */
public final class LoggingChild {
    private LoggingChild() {
    }

    static int twice(int x) {
        return 2 * x;
    }

    public static void main(String[] args) {
        Rayo.init(RayoConfig.builder().numCpus(1).set("rayo.cluster-name", args[0])
                .objectStoreDirectory(args[1]).build());
        int result;
        try {
            result = Rayo.get(Rayo.task(LoggingChild::twice, 21).remote());
            Logger log = LoggerFactory.getLogger("app.child");
            log.debug("child debug line");
            log.info("child info line");
        } finally {
            Rayo.shutdown();
        }
        System.out.println("RESULT " + result);
        System.out.flush();
        System.exit(0);
    }
}
