package io.edgebench.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnsTest {
    @Test
    void cell_controlCharacters_escapedNeverCut() {
        assertEquals("online\\u000api9-lab  online", Columns.cell("online\npi9-lab  online"));
        assertEquals("", Columns.cell(null));
        String model = "m".repeat(300) + ".tflite";
        assertEquals(model, Columns.cell(model), "a table cell is shown whole, not cut like a log value");
    }

    @Test
    void print_newlineInACell_staysOneRow() {
        String table = Columns.render(java.util.List.of(
                new String[] {"device", "state"}, new String[] {"pi4-lab", "online\npi9-lab  online"}));
        assertEquals("device   state\npi4-lab  online\\u000api9-lab  online\n", table);
    }
}
