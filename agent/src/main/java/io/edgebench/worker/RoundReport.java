package io.edgebench.worker;

import io.edgebench.results.BenchResult.TimedWindow;
import io.edgebench.results.Interference;

/**
 * One timed round of a rounds-mode worker: every latency in nanoseconds (the parent pools them over rounds and
 * bootstraps over them), the window, the interference during it, and the worker's VmHWM so far.
 */
public record RoundReport(long[] latenciesNs, TimedWindow window, Interference interference, Long peakRssBytes) {}
