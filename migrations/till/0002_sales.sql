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

-- Sales and refunds. Amounts of refunds are negative, so a plain SUM gives net figures.
-- Receipt numbers are gap-free per point: each sale takes MAX(receipt_seq) + 1 of its point inside
-- its own write transaction. Every index here is written by every sale, so there are only those
-- the till reads by; partial indexes cover what only refunds write.
CREATE TABLE sales (
    id               INTEGER PRIMARY KEY,
    cart_id          TEXT NOT NULL UNIQUE,
    point_code       TEXT NOT NULL,
    receipt_seq      INTEGER NOT NULL,
    receipt_no       TEXT NOT NULL,
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
CREATE INDEX sales_original ON sales (original_sale_id) WHERE original_sale_id IS NOT NULL;

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

CREATE INDEX sale_lines_original ON sale_lines (original_line_id) WHERE original_line_id IS NOT NULL;

-- Clustered by sale: a sale's payments sit together and need no separate index.
CREATE TABLE payments (
    sale_id      INTEGER NOT NULL REFERENCES sales (id),
    seq          INTEGER NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('cash', 'vietqr', 'card', 'ewallet')),
    amount_vnd   INTEGER NOT NULL,
    reference    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sale_id, seq)
) STRICT, WITHOUT ROWID;

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
