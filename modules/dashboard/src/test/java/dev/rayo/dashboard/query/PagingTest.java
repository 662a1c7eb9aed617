package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagingTest {
    private static List<ObjectNode> rows(int n) {
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowJson.MAPPER.createObjectNode().put("i", i));
        }
        return rows;
    }

    @Test
    void aPageSaysTheTotalAndWhetherMoreExists() {
        ObjectNode first = Paging.of(2, 0).page(rows(5), false);
        assertEquals(5, first.get("total").asInt());
        assertTrue(first.get("truncated").asBoolean());
        assertEquals(2, first.get("items").size());
        assertEquals(0, first.get("items").get(0).get("i").asInt());

        ObjectNode last = Paging.of(2, 4).page(rows(5), false);
        assertFalse(last.get("truncated").asBoolean());
        assertEquals(1, last.get("items").size());
        assertEquals(4, last.get("items").get(0).get("i").asInt());

        ObjectNode beyond = Paging.of(2, 9).page(rows(5), false);
        assertEquals(0, beyond.get("items").size());
        assertEquals(5, beyond.get("total").asInt());
    }

    @Test
    void anIncompleteAnswerIsTruncatedEvenOnItsLastPage() {
        ObjectNode all = Paging.of(100, 0).page(rows(3), true);
        assertTrue(all.get("truncated").asBoolean());
        assertEquals(3, all.get("items").size());
        assertEquals(List.of("total", "truncated", "items"), iterable(all));
    }

    @Test
    void limitsOutsideTheRangeAndNegativeOffsetsAre400() {
        assertEquals(400, assertThrows(QueryException.class, () -> Paging.of(0, 0)).status());
        assertEquals(400, assertThrows(QueryException.class, () -> Paging.of(StateQueries.MAX_LIMIT + 1, 0)).status());
        assertEquals(400, assertThrows(QueryException.class, () -> Paging.of(10, -1)).status());
        assertEquals(StateQueries.MAX_LIMIT, Paging.of(StateQueries.MAX_LIMIT, 0).limit());
    }

    private static List<String> iterable(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
