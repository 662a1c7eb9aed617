package dev.rayo.dashboard.query;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {
    @Test
    void shortFormsAndIsoDurationsParse() {
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
        assertNull(Durations.parse(null));
        assertNull(Durations.parse(" "));
    }

    @Test
    void anythingElseIsA400() {
        for (String bad : new String[] {"ten minutes", "10", "-5m", "PT-5M", "5x", "99999999999999999999s"}) {
            QueryException e = assertThrows(QueryException.class, () -> Durations.parse(bad), bad);
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
