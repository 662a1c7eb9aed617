package dev.rayo.api.exception;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ExceptionsTest {

    /** Each Rayo error's two constructors, as (message) and (message, cause). */
    record Constructors(Function<String, RayoException> withMessage,
                        BiFunction<String, Throwable, RayoException> withCause) {
    }

    static Stream<Named<Constructors>> rayoErrors() {
        return Stream.of(
                Named.of("RayoException", new Constructors(RayoException::new, RayoException::new)),
                Named.of("RayoActorException", new Constructors(RayoActorException::new, RayoActorException::new)),
                Named.of("RayoConfigException", new Constructors(RayoConfigException::new, RayoConfigException::new)),
                Named.of("RayoSerializationException",
                        new Constructors(RayoSerializationException::new, RayoSerializationException::new)),
                Named.of("RayoTimeoutException", new Constructors(RayoTimeoutException::new, RayoTimeoutException::new)),
                Named.of("ObjectLostException", new Constructors(ObjectLostException::new, ObjectLostException::new)),
                Named.of("ObjectStoreFullException",
                        new Constructors(ObjectStoreFullException::new, ObjectStoreFullException::new)));
    }

    @ParameterizedTest
    @MethodSource("rayoErrors")
    void everyRayoErrorKeepsItsMessageAndCause(Constructors constructors) {
        IllegalStateException cause = new IllegalStateException("root");

        RayoException plain = constructors.withMessage().apply("plain");
        RayoException caused = constructors.withCause().apply("caused", cause);

        assertEquals("plain", plain.getMessage());
        assertNull(plain.getCause());
        assertEquals("caused", caused.getMessage());
        assertSame(cause, caused.getCause());
        assertInstanceOf(RuntimeException.class, plain);
    }

    @Test
    void aTaskErrorNamesTaskNodeAndCauseAndCarriesTheRemoteTrace() {
        RemoteThrowable cause = new RemoteThrowable("com.acme.Boom", "bad input");

        RayoTaskException e = new RayoTaskException("Fns.divide", "node-1", "com.acme.Boom",
                "com.acme.Boom: bad input\n\tat Fns.divide(Fns.java:7)", cause);

        assertEquals("Task Fns.divide failed on node node-1: com.acme.Boom\n--- remote stack trace ---\n"
                + "com.acme.Boom: bad input\n\tat Fns.divide(Fns.java:7)", e.getMessage());
        assertEquals("Fns.divide", e.taskName());
        assertEquals("node-1", e.nodeId());
        assertEquals("com.acme.Boom", e.causeClassName());
        assertSame(cause, e.getCause());
    }

    @Test
    void aRemoteStandInNamesTheOriginalClass() {
        RemoteThrowable withMessage = new RemoteThrowable("com.acme.Boom", "bad input");
        RemoteThrowable withoutMessage = new RemoteThrowable("com.acme.Boom", null);

        assertEquals("com.acme.Boom: bad input", withMessage.getMessage());
        assertEquals("com.acme.Boom", withoutMessage.getMessage());
        assertEquals("com.acme.Boom", withoutMessage.originalClassName());
    }
}
