-- The provincial hub: registered points and the daily summaries they send (design.md §5–§6).
CREATE TABLE points (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('sales-point', 'ocop-centre', 'hotel-booth', 'fair-stall')),
    province    TEXT NOT NULL,
    commune     TEXT NOT NULL,
    -- BLAKE2s-256 of the bearer token; the token itself is shown once and never stored.
    token_hash  BLOB NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    token_set_at TEXT NOT NULL
) STRICT;

-- One summary per point and day: the highest revision received.
CREATE TABLE days (
    point_code      TEXT NOT NULL REFERENCES points (code),
    business_date   TEXT NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    receipts        INTEGER NOT NULL,
    refund_receipts INTEGER NOT NULL,
    gross_vnd       INTEGER NOT NULL,
    discount_vnd    INTEGER NOT NULL,
    refund_vnd      INTEGER NOT NULL,
    net_vnd         INTEGER NOT NULL,
    vat_vnd         INTEGER NOT NULL,
    body            TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    PRIMARY KEY (point_code, business_date)
) STRICT;

CREATE TABLE day_lines (
    point_code    TEXT NOT NULL,
    business_date TEXT NOT NULL,
    product_code  TEXT NOT NULL,
    gtin          TEXT NOT NULL,
    name          TEXT NOT NULL,
    producer_code TEXT NOT NULL,
    ocop_group    INTEGER,
    stars         INTEGER,
    unit          TEXT NOT NULL,
    qty_milli     INTEGER NOT NULL,
    net_vnd       INTEGER NOT NULL,
    vat_vnd       INTEGER NOT NULL,
    PRIMARY KEY (point_code, business_date, product_code),
    FOREIGN KEY (point_code, business_date) REFERENCES days (point_code, business_date) ON DELETE CASCADE
) STRICT;

CREATE TABLE day_payments (
    point_code    TEXT NOT NULL,
    business_date TEXT NOT NULL,
    method        TEXT NOT NULL,
    amount_vnd    INTEGER NOT NULL,
    PRIMARY KEY (point_code, business_date, method),
    FOREIGN KEY (point_code, business_date) REFERENCES days (point_code, business_date) ON DELETE CASCADE
) STRICT;
