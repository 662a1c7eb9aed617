package dev.rayo.samples.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shared table printer: aligned columns, and rows kept for checks. */
class TextTableTest {

    @Test
    void rendersHeaderRuleAndRightAlignedRows() {
        TextTable table = new TextTable("tasks", "s").addRow(1, "0.50").addRow(10, "12.25");
        assertEquals("tasks      s\n"
                + "------------\n"
                + "    1   0.50\n"
                + "   10  12.25\n", table.render());
        assertEquals(List.of(List.of("1", "0.50"), List.of("10", "12.25")), table.rows());
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("a", "b").addRow(1));
    }
}
