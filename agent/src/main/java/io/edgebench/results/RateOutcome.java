package io.edgebench.results;

/**
 * What a fixed-rate (or Poisson) run saw: latency_us then counts from each scheduled arrival, so a model that cannot
 * keep up shows its queue in the percentiles; this says how far it fell behind.
 *
 * @param arrivals scheduled arrivals served in the window (= runs)
 * @param missedDeadlines runs that finished later than one mean period after their arrival
 * @param queueDelayMeanUs mean wait between the scheduled arrival and the start of the run
 * @param queueDelayMaxUs the longest such wait
 * @param serviceP50Us median of the inference itself, without the wait
 * @param achievedIps runs per second actually served
 */
public record RateOutcome(
        double rateHz,
        boolean poisson,
        long arrivals,
        long missedDeadlines,
        double queueDelayMeanUs,
        double queueDelayMaxUs,
        double serviceP50Us,
        double achievedIps) {}
