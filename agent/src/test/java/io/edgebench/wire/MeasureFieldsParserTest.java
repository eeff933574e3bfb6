package io.edgebench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.MeasureOptions;
import io.edgebench.results.VerdictOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request fields of issue 12 (until_ci_pct, rate_hz, poisson, cpus, max_other_core_pct, threads sweeps). */
class MeasureFieldsParserTest {
    private final CommandParser parser = new CommandParser(1024);

    private Command parse(String verb, String json) throws CommandRejectedException {
        return parser.parse(verb, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bench_everyMeasureField_intoBenchParams() throws Exception {
        Command.Bench b = assertInstanceOf(
                Command.Bench.class,
                parse(
                        Topics.BENCH,
                        "{\"model\":\"m.tflite\","
                                + "\"rate_hz\":100,\"poisson\":true,\"cpus\":[2,3],\"max_other_core_pct\":25}"));
        MeasureOptions m = b.params().measure();
        assertNull(m.untilCiPct());
        Command.Bench u = assertInstanceOf(
                Command.Bench.class, parse(Topics.BENCH, "{\"model\":\"m.tflite\"," + "\"until_ci_pct\":1.5}"));
        assertEquals(1.5, u.params().measure().untilCiPct());
        assertEquals(100.0, m.rateHz());
        assertTrue(m.poisson());
        assertEquals(List.of(2, 3), m.cpus());
        assertEquals(25.0, m.maxOtherCorePct());
    }

    @Test
    void bench_absent_defaults() throws Exception {
        Command.Bench b = assertInstanceOf(Command.Bench.class, parse(Topics.BENCH, "{\"model\":\"m.tflite\"}"));
        assertEquals(MeasureOptions.defaults(), b.params().measure());
        assertNull(b.params().measure().rateHz());
    }

    @Test
    void bench_badValues_rejectedNamingTheField() {
        CommandRejectedException e = assertThrows(
                CommandRejectedException.class,
                () -> parse(Topics.BENCH, "{\"model\":\"m.tflite\",\"cpus\":[0,\"x\"]}"));
        assertTrue(
                e.getMessage().contains("field \"cpus\" must be an array of 1..256 integers 0..1023"), e.getMessage());
        e = assertThrows(
                CommandRejectedException.class, () -> parse(Topics.BENCH, "{\"model\":\"m.tflite\",\"poisson\":true}"));
        assertTrue(e.getMessage().contains("poisson needs rate_hz"), e.getMessage());
        e = assertThrows(
                CommandRejectedException.class,
                () -> parse(Topics.BENCH, "{\"model\":\"m.tflite\",\"rate_hz\":10,\"until_ci_pct\":1}"));
        assertTrue(e.getMessage().contains("until_ci_pct [1.0] applies to back-to-back runs"), e.getMessage());
    }

    @Test
    void compare_threadsArray_isASweep_andRateIsNotAField() throws Exception {
        Command.Compare c = assertInstanceOf(
                Command.Compare.class,
                parse(
                        Topics.COMPARE,
                        "{\"models\":[\"a.tflite\"],\"threads\":[1,2,4],\"until_ci_pct\":2,\"cpus\":[0]}"));
        assertEquals(List.of(1, 2, 4), c.threadSweep());
        assertEquals(1, c.template().threads());
        assertEquals(2.0, c.template().measure().untilCiPct());
        assertEquals(List.of(0), c.template().measure().cpus());
        Command.Compare one = assertInstanceOf(
                Command.Compare.class, parse(Topics.COMPARE, "{\"models\":[\"a.tflite\"],\"threads\":2}"));
        assertEquals(List.of(), one.threadSweep());
        assertEquals(2, one.template().threads());
        CommandRejectedException e = assertThrows(
                CommandRejectedException.class,
                () -> parse(Topics.COMPARE, "{\"models\":[\"a.tflite\"],\"rate_hz\":100}"));
        assertTrue(e.getMessage().contains("unknown field \"rate_hz\""), e.getMessage());
    }

    @Test
    void compare_verdictFields_intoVerdictOptions_benchRejectsThem() throws Exception {
        Command.Compare c = assertInstanceOf(
                Command.Compare.class,
                parse(
                        Topics.COMPARE,
                        "{\"models\":[\"a.tflite\"],\"forks\":5,\"equivalence_pct\":2,\"until_decided\":true}"));
        assertEquals(new VerdictOptions(5, 2, true), c.template().measure().verdict());
        Command.Compare d =
                assertInstanceOf(Command.Compare.class, parse(Topics.COMPARE, "{\"models\":[\"a.tflite\"]}"));
        assertEquals(VerdictOptions.defaults(), d.template().measure().verdict());
        Command.Compare one = assertInstanceOf(
                Command.Compare.class, parse(Topics.COMPARE, "{\"models\":[\"a.tflite\"],\"forks\":1}"));
        assertEquals(1, one.template().measure().verdict().forks());
        CommandRejectedException e = assertThrows(
                CommandRejectedException.class, () -> parse(Topics.COMPARE, "{\"models\":[\"a.tflite\"],\"forks\":0}"));
        assertTrue(e.getMessage().contains("field \"forks\" must be an integer 1..50, got [0]"), e.getMessage());
        e = assertThrows(
                CommandRejectedException.class,
                () -> parse(Topics.COMPARE, "{\"models\":[\"a.tflite\"],\"forks\":2.5}"));
        assertTrue(e.getMessage().contains("field \"forks\" must be an integer"), e.getMessage());
        e = assertThrows(
                CommandRejectedException.class, () -> parse(Topics.BENCH, "{\"model\":\"m.tflite\",\"forks\":3}"));
        assertTrue(e.getMessage().contains("unknown field \"forks\""), e.getMessage());
    }
}
