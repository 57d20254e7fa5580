-- Users, sales with their lines and payments, stock and its moves, parked carts, the audit log and
-- the print queue.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
    pin_hash        TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      TEXT NOT NULL
) STRICT;

-- The last receipt number handed out per point: incremented inside each sale's transaction, so
-- numbers are gap-free.
CREATE TABLE receipt_counters (
    point_code TEXT PRIMARY KEY,
    last_seq   INTEGER NOT NULL
) STRICT;

-- Sales and refunds. Amounts of refunds are negative, so a plain SUM gives net figures.
CREATE TABLE sales (
    id               INTEGER PRIMARY KEY,
    cart_id          TEXT NOT NULL UNIQUE,
    point_code       TEXT NOT NULL,
    receipt_seq      INTEGER NOT NULL,
    receipt_no       TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('sale', 'refund')),
    original_sale_id INTEGER REFERENCES sales (id),
    business_date    TEXT NOT NULL,
    completed_at     TEXT NOT NULL,
    user_id          INTEGER NOT NULL REFERENCES users (id),
    approved_by      INTEGER REFERENCES users (id),
    gross_vnd        INTEGER NOT NULL,
    discount_vnd     INTEGER NOT NULL,
    total_vnd        INTEGER NOT NULL,
    vat_vnd          INTEGER NOT NULL,
    tendered_vnd     INTEGER NOT NULL,
    change_vnd       INTEGER NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    UNIQUE (point_code, receipt_seq),
    CHECK ((kind = 'refund') = (original_sale_id IS NOT NULL))
) STRICT;

CREATE INDEX sales_business_date ON sales (business_date);
CREATE INDEX sales_original ON sales (original_sale_id);

CREATE TABLE sale_lines (
    id                 INTEGER PRIMARY KEY,
    sale_id            INTEGER NOT NULL REFERENCES sales (id),
    line_no            INTEGER NOT NULL,
    product_id         INTEGER NOT NULL REFERENCES products (id),
    product_code       TEXT NOT NULL,
    name               TEXT NOT NULL,
    unit               TEXT NOT NULL,
    stars              INTEGER,
    barcode            TEXT NOT NULL DEFAULT '',
    qty_milli          INTEGER NOT NULL,
    list_price_vnd     INTEGER NOT NULL,
    unit_price_vnd     INTEGER NOT NULL,
    gross_vnd          INTEGER NOT NULL,
    line_discount_vnd  INTEGER NOT NULL,
    order_discount_vnd INTEGER NOT NULL,
    net_vnd            INTEGER NOT NULL,
    vat_bp             INTEGER NOT NULL,
    vat_vnd            INTEGER NOT NULL,
    original_line_id   INTEGER REFERENCES sale_lines (id),
    UNIQUE (sale_id, line_no)
) STRICT;

CREATE INDEX sale_lines_product ON sale_lines (product_id);
CREATE INDEX sale_lines_original ON sale_lines (original_line_id);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    sale_id      INTEGER NOT NULL REFERENCES sales (id),
    method       TEXT NOT NULL CHECK (method IN ('cash', 'vietqr', 'card', 'ewallet')),
    amount_vnd   INTEGER NOT NULL,
    reference    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX payments_sale ON payments (sale_id);

-- On-hand cache, kept equal to the sum of stock_moves in the same transaction.
CREATE TABLE stock (
    product_id INTEGER PRIMARY KEY REFERENCES products (id),
    qty_milli  INTEGER NOT NULL
) STRICT;

CREATE TABLE stock_moves (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id),
    qty_milli  INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('receive', 'consign_in', 'consign_return', 'sale',
                   'refund', 'adjust', 'count', 'transfer_out', 'transfer_in', 'opening')),
    sale_id    INTEGER REFERENCES sales (id),
    reference  TEXT NOT NULL DEFAULT '',
    user_id    INTEGER REFERENCES users (id),
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX stock_moves_product ON stock_moves (product_id);
CREATE INDEX stock_moves_sale ON stock_moves (sale_id);

CREATE TABLE parked_carts (
    id         INTEGER PRIMARY KEY,
    cart_id    TEXT NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    label      TEXT NOT NULL,
    cart_json  TEXT NOT NULL,
    parked_at  TEXT NOT NULL
) STRICT;

-- Append-only record of sensitive acts; the triggers below refuse edits and deletions.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id),
    approved_by INTEGER REFERENCES users (id),
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;

-- Receipts waiting for the printer; written in the sale's transaction, printed by a worker.
CREATE TABLE print_jobs (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    sale_id    INTEGER REFERENCES sales (id),
    status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'printed', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    printed_at TEXT
) STRICT;

CREATE INDEX print_jobs_pending ON print_jobs (status) WHERE status = 'pending';
