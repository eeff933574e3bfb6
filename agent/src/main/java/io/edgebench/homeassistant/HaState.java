package io.edgebench.homeassistant;

/**
 * What the discovered sensors show, published retained on {@link HaTopics#state}; null fields are left out (Home
 * Assistant shows them as unknown).
 */
public record HaState(String state, Double socTempC, Double boardPowerW, Double lastP50Ms, String lastJobId,
        String lastLane) {
    public static final HaState EMPTY = new HaState(null, null, null, null, null, null);

    public HaState withState(String s) {
        return new HaState(s, socTempC, boardPowerW, lastP50Ms, lastJobId, lastLane);
    }

    public HaState withSensors(Double tempC, Double powerW) {
        return new HaState(state, tempC, powerW, lastP50Ms, lastJobId, lastLane);
    }

    public HaState withLastResult(double p50Ms, String jobId, String lane) {
        return new HaState(state, socTempC, boardPowerW, p50Ms, jobId, lane);
    }
}
