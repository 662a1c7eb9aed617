package dev.rayo.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The statistics and the JSON writer the reports rest on. */
class MeasurementTest {

    @Test
    void medianMinAndMaxOfRounds() {
        Measurement odd = new Measurement(List.of(5.0, 1.0, 3.0), 9, null, null);
        assertEquals(3.0, odd.median());
        assertEquals(1.0, odd.min());
        assertEquals(5.0, odd.max());
        assertEquals(2.5, new Measurement(List.of(4.0, 1.0, 2.0, 3.0), 10, null, null).median());
    }

    @Test
    void unitsTurnOperationsAndTimeIntoFigures() {
        assertEquals(1000.0, Unit.OPS_PER_S.figure(500, 500_000_000L), 1e-9);
        assertEquals(2.0, Unit.GB_PER_S.figure(1_000_000_000L, 500_000_000L), 1e-9);
        assertEquals(20.0, Unit.MICROS.figure(50, 1_000_000L), 1e-9);
    }

    @Test
    void jsonEscapesStringsAndDropsNonFiniteNumbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a \"quoted\"\nline");
        m.put("nan", Double.NaN);
        m.put("list", List.of(1, 2.5));
        assertEquals("{\n  \"name\": \"a \\\"quoted\\\"\\nline\",\n  \"nan\": null,\n  \"list\": [1, 2.5]\n}\n", Json.write(m));
    }
}
