package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.runtime.state.ObjectRow;
import dev.rayo.runtime.state.TaskRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiltersTest {
    private static final ObjectNode FAILED = RowJson.task(new TaskRow("t1", "f", "FAILED", "127.0.0.1:2", 1, "",
            "boom", "127.0.0.1:1", 10_000, 20_000, 30_000));
    private static final ObjectNode FINISHED = RowJson.task(new TaskRow("t2", "g", "FINISHED", "127.0.0.1:3", 0, "",
            "", "127.0.0.1:1", 10_000, 20_000, 30_000));

    private static Filters tasks(String... specs) {
        return Filters.parse("tasks", RowJson.TASK_COLUMNS, List.of(specs));
    }

    @Test
    void aFilterMatchesItsColumnIgnoringCase() {
        assertTrue(tasks("state=FAILED").test(FAILED));
        assertTrue(tasks("state=failed").test(FAILED));
        assertFalse(tasks("state=FAILED").test(FINISHED));
        assertTrue(tasks("name=f", "node=127.0.0.1:2").test(FAILED));
        assertFalse(tasks("name=f", "node=127.0.0.1:3").test(FAILED), "every filter must match");
        assertTrue(tasks("attempt=1").test(FAILED), "numbers compare as written");
        assertTrue(tasks("duration_ms=10").test(FAILED), "a whole fraction compares as an integer");
    }

    @Test
    void anEmptyValueOrNoFilterMatchesEverything() {
        assertTrue(tasks().test(FAILED));
        assertTrue(tasks("state=").test(FINISHED));
        assertTrue(Filters.parse("tasks", RowJson.TASK_COLUMNS, null).filters().isEmpty());
    }

    @Test
    void aListColumnMatchesWhenOneElementDoes() {
        ObjectNode o = RowJson.object(new ObjectRow("o1", 5, "a:1", List.of("a:1", "b:2"), "", true, "READY"));
        Filters f = Filters.parse("objects", RowJson.OBJECT_COLUMNS, List.of("locations=b:2", "is_put=true"));
        assertTrue(f.test(o));
        assertFalse(Filters.parse("objects", RowJson.OBJECT_COLUMNS, List.of("locations=c:3")).test(o));
    }

    @Test
    void aMalformedFilterIsA400NamingItAndTheColumns() {
        QueryException e = assertThrows(QueryException.class, () -> tasks("nonsense"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'nonsense'") && e.getMessage().contains("task_id, name, state"),
                e.getMessage());
        assertEquals(400, assertThrows(QueryException.class, () -> tasks("=x")).status());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void anUnknownColumnIsA400ListingTheColumns() {
        QueryException e = assertThrows(QueryException.class, () -> tasks("colour=red"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("unknown column 'colour'") && e.getMessage().contains("actor_id, error"),
                e.getMessage());
    }
}
