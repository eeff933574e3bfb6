package io.edgebench.runtime;

/** What opening a session cost: reading/verifying the model, then building the interpreter or session. */
public record SessionTimings(long modelLoadUs, long initUs) {}
