package io.edgebench.resultstore;

/**
 * Which stored results to read; null fields do not filter.
 *
 * @param sinceMs finished at or after (epoch ms)
 * @param model a model file name or sha256 that at least one lane ran
 */
public record ResultQuery(Long sinceMs, String deviceId, String model) {}
