package dev.rayo.it;

import dev.rayo.api.Rayo;
import dev.rayo.cli.NodeProcess;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A head node in a JVM of its own whose classpath lacks the test classes, for one test class
 * ({@code @RegisterExtension static}): tests of code shipping make the node fetch the drivers' code. After
 * the class, the driver (if any) and the node stop.
 */
final class HeadWithoutTestClasses implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private NodeProcess node;

    HeadWithoutTestClasses(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        node = TestNodes.startWithoutTestClasses(name, "--head", "--port", Integer.toString(TestNodes.freePort()),
                "--num-cpus", "2");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Rayo.shutdown();
        node.close();
    }

    /** The node's {@code host:port}. */
    String address() {
        return node.hostPort();
    }
}
