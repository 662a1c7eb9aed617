package dev.rayo.runtime;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    static int add(int a, int b) {
        return a + b;
    }

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    void addsRemotely() {
        ObjectRef<Integer> x = Rayo.task(SmokeTest::add, 1, 2).remote();
        ObjectRef<Integer> y = Rayo.task(SmokeTest::add, x, 10).remote();
        assertEquals(13, Rayo.get(y));
        assertEquals(5, Rayo.get(Rayo.put(5)));
    }
}
