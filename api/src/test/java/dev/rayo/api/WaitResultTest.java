package dev.rayo.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WaitResultTest {
    private final ObjectRef<String> a = new Capturing.Ref<>("a");
    private final ObjectRef<String> b = new Capturing.Ref<>("b");
    private final ObjectRef<String> c = new Capturing.Ref<>("c");

    @Test
    void keepsBothListsInOrder() {
        WaitResult<String> result = new WaitResult<>(List.of(c, a), List.of(b));

        assertEquals(List.of(c, a), result.ready());
        assertEquals(List.of(b), result.unready());
    }

    @Test
    void copiesTheListsSoTheCallerCannotChangeTheResult() {
        List<ObjectRef<String>> ready = new ArrayList<>(List.of(a));
        List<ObjectRef<String>> unready = new ArrayList<>(List.of(b));
        WaitResult<String> result = new WaitResult<>(ready, unready);

        ready.add(c);
        unready.clear();

        assertEquals(List.of(a), result.ready());
        assertEquals(List.of(b), result.unready());
    }

    @Test
    void itsListsAreUnmodifiable() {
        WaitResult<String> result = new WaitResult<>(List.of(a), List.of());

        assertThrows(UnsupportedOperationException.class, () -> result.ready().add(b));
        assertThrows(UnsupportedOperationException.class, () -> result.unready().add(b));
    }

    @Test
    void refusesNullRefsAndLists() {
        assertThrows(NullPointerException.class, () -> new WaitResult<>(Arrays.asList(a, null), List.of()));
        assertThrows(NullPointerException.class, () -> new WaitResult<>(List.of(), null));
    }

    @Test
    void equalWhenBothListsAreEqual() {
        assertEquals(new WaitResult<>(List.of(a), List.of(b)), new WaitResult<>(new ArrayList<>(List.of(a)), List.of(b)));
    }
}
