-- edgebench results store, schema 1. Portable SQL: the same file runs on SQLite and PostgreSQL.
-- One row per result message (device_id + job_id: the agent republishes until acknowledged, so duplicates are
-- expected and dropped); the whole message JSON is kept as received, a few fields are indexed beside it.
CREATE TABLE results (
    device_id      VARCHAR(64)  NOT NULL,
    job_id         VARCHAR(64)  NOT NULL,
    verb           VARCHAR(32),
    status         VARCHAR(32),
    finished_at_ms BIGINT       NOT NULL,
    received_at_ms BIGINT       NOT NULL,
    message_json   TEXT         NOT NULL,
    PRIMARY KEY (device_id, job_id)
);
CREATE INDEX results_finished ON results (finished_at_ms);

-- One row per benchmark lane: a bench result has one, a compare report one per model x delegate.
CREATE TABLE lanes (
    device_id               VARCHAR(64)  NOT NULL,
    job_id                  VARCHAR(64)  NOT NULL,
    lane                    INTEGER      NOT NULL,
    label                   VARCHAR(512),
    model_name              VARCHAR(255),
    model_sha256            VARCHAR(64),
    runtime                 VARCHAR(32),
    delegate                VARCHAR(32),
    threads                 INTEGER,
    p50_us                  DOUBLE PRECISION,
    p99_us                  DOUBLE PRECISION,
    throughput_ips          DOUBLE PRECISION,
    energy_per_inference_mj DOUBLE PRECISION,
    valid                   BOOLEAN,
    finished_at_ms          BIGINT       NOT NULL,
    PRIMARY KEY (device_id, job_id, lane),
    FOREIGN KEY (device_id, job_id) REFERENCES results (device_id, job_id)
);
CREATE INDEX lanes_device ON lanes (device_id, finished_at_ms);
CREATE INDEX lanes_model ON lanes (model_sha256);
CREATE INDEX lanes_model_name ON lanes (model_name);
CREATE INDEX lanes_runtime ON lanes (runtime, delegate, threads);

-- The last status seen from each agent (retained on the broker; kept here for "last seen").
CREATE TABLE agents (
    device_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    state        VARCHAR(16)  NOT NULL,
    profile      VARCHAR(64),
    last_seen_ms BIGINT       NOT NULL,
    status_json  TEXT         NOT NULL
);
