-- edgebench results store, schema 2 (issue 21). Portable SQL, as schema 1.
-- Messages that can never be stored as they are (a far-future ts, a NUL byte, a field longer than its column):
-- kept with their raw bytes, topic and reason, and acknowledged, so one bad message never blocks those behind it.
-- payload is BYTEA: PostgreSQL's byte string; SQLite gives that type name numeric affinity, which keeps a BLOB as is.
CREATE TABLE quarantine (
    message_key    VARCHAR(64)  NOT NULL PRIMARY KEY, -- sha256 of topic and payload: a redelivery is one row
    topic          TEXT         NOT NULL,
    payload        BYTEA        NOT NULL,
    payload_bytes  INTEGER      NOT NULL,
    reason_kind    VARCHAR(32)  NOT NULL,
    reason         TEXT         NOT NULL,
    received_at_ms BIGINT       NOT NULL
);
CREATE INDEX quarantine_received ON quarantine (received_at_ms);

-- The device id a result's payload claimed when it differed from its topic's (the identity; null: they agreed).
ALTER TABLE results ADD COLUMN claimed_device_id VARCHAR(64);
