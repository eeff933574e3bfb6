package io.edgebench.homeassistant;

/**
 * What the discovered sensors show, published retained on {@link HaTopics#state}; null fields are left out (Home
 * Assistant shows them as unknown).
 */
public record HaState(
        String state, Double socTempC, Double boardPowerW, Double lastP50Ms, String lastJobId, String lastLane) {}
