package io.edgebench.results;

/**
 * One CPU as the kernel describes it.
 *
 * @param capacity sysfs cpu_capacity (1024 = the biggest core), null where the kernel does not say
 * @param part the core's name from its MIDR part number (e.g. "Cortex-A72"), or "0xd4f" when unknown; null off ARM
 * @param coreClass "big" or "LITTLE" on a heterogeneous system, null when all cores are alike or nothing says
 */
public record CoreInfo(int cpu, Integer capacity, String part, String coreClass) {}
