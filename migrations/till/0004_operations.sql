-- Centre operations: stock documents (receiving, consignment, adjustments, stock takes, transfers),
-- lots with their expiry and owner, shifts with their cash, the outbox of daily summaries and
-- consignment settlements.

-- A document moves stock only when it is posted; a posted document never changes (corrections are
-- new documents). Numbers are per kind, e.g. PN-000001.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('receive', 'consign_in', 'consign_return', 'adjust',
                     'stocktake', 'transfer_out', 'transfer_in')),
    number       TEXT NOT NULL UNIQUE,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'posted', 'cancelled')),
    producer_id  INTEGER REFERENCES producers (id),
    -- The other point of a transfer.
    counterpart  TEXT NOT NULL DEFAULT '',
    -- The producer's delivery-note number, or a transfer's code.
    external_ref TEXT NOT NULL DEFAULT '',
    -- What a stock take covers, as the user chose it.
    scope        TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    user_id      INTEGER REFERENCES users (id),
    approved_by  INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL,
    posted_at    TEXT,
    -- A transfer out is in transit until the receiving point confirms it.
    delivered_at TEXT
) STRICT;

CREATE INDEX documents_kind ON documents (kind, status);
CREATE UNIQUE INDEX documents_transfer_in_code ON documents (external_ref)
    WHERE kind = 'transfer_in' AND status = 'posted';
CREATE UNIQUE INDEX documents_delivery_note ON documents (producer_id, kind, external_ref)
    WHERE kind IN ('receive', 'consign_in') AND external_ref <> '' AND status = 'posted';

CREATE TABLE document_lines (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents (id),
    line_no       INTEGER NOT NULL,
    product_id    INTEGER NOT NULL REFERENCES products (id),
    -- Quantity moved; for a stock take, the count (NULL while not counted).
    qty_milli     INTEGER,
    -- Cost when bought, agreed price when consigned; for stock takes the value used for variances.
    unit_cost_vnd INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost_vnd >= 0),
    lot_no        TEXT NOT NULL DEFAULT '',
    expiry        TEXT,
    lot_id        INTEGER REFERENCES lots (id),
    reason        TEXT NOT NULL DEFAULT '',
    -- Stock takes: on hand when the count opened, and when this line was last counted.
    expected_milli INTEGER,
    counted_at    TEXT,
    UNIQUE (document_id, line_no)
) STRICT;

CREATE TRIGGER documents_posted_frozen BEFORE UPDATE ON documents
WHEN OLD.status <> 'draft' AND (NEW.status IS NOT OLD.status OR NEW.kind IS NOT OLD.kind
    OR NEW.number IS NOT OLD.number OR NEW.producer_id IS NOT OLD.producer_id
    OR NEW.counterpart IS NOT OLD.counterpart OR NEW.external_ref IS NOT OLD.external_ref
    OR NEW.posted_at IS NOT OLD.posted_at OR NEW.user_id IS NOT OLD.user_id
    OR NEW.approved_by IS NOT OLD.approved_by OR NEW.created_at IS NOT OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, 'posted documents are immutable');
END;

CREATE TRIGGER documents_posted_undeletable BEFORE DELETE ON documents
WHEN OLD.status <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'posted documents are immutable');
END;

CREATE TRIGGER document_lines_frozen_insert BEFORE INSERT ON document_lines
WHEN (SELECT status FROM documents WHERE id = NEW.document_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'posted documents are immutable');
END;

CREATE TRIGGER document_lines_frozen_update BEFORE UPDATE ON document_lines
WHEN (SELECT status FROM documents WHERE id = OLD.document_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'posted documents are immutable');
END;

CREATE TRIGGER document_lines_frozen_delete BEFORE DELETE ON document_lines
WHEN (SELECT status FROM documents WHERE id = OLD.document_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'posted documents are immutable');
END;

-- A batch of one product as it came in: lot number and expiry, who owns it (the centre, or the
-- producer while on consignment) and what a unit costs (bought) or is owed (consigned).
-- `qty_milli` is the on-hand cache of the batch, kept equal to the sum of its moves.
CREATE TABLE lots (
    id            INTEGER PRIMARY KEY,
    product_id    INTEGER NOT NULL REFERENCES products (id),
    lot_no        TEXT NOT NULL DEFAULT '',
    expiry        TEXT,
    owner         TEXT NOT NULL CHECK (owner IN ('owned', 'consigned')),
    producer_id   INTEGER REFERENCES producers (id),
    unit_cost_vnd INTEGER NOT NULL CHECK (unit_cost_vnd >= 0),
    document_id   INTEGER REFERENCES documents (id),
    received_at   TEXT NOT NULL,
    qty_milli     INTEGER NOT NULL DEFAULT 0,
    CHECK (owner = 'owned' OR producer_id IS NOT NULL)
) STRICT;

CREATE INDEX lots_product ON lots (product_id);
CREATE INDEX lots_expiry ON lots (expiry) WHERE expiry IS NOT NULL AND qty_milli <> 0;

ALTER TABLE stock_moves ADD COLUMN lot_id INTEGER REFERENCES lots (id);
ALTER TABLE stock_moves ADD COLUMN sale_line_id INTEGER REFERENCES sale_lines (id);
ALTER TABLE stock_moves ADD COLUMN document_id INTEGER REFERENCES documents (id);

CREATE INDEX stock_moves_lot ON stock_moves (lot_id) WHERE lot_id IS NOT NULL;

-- Reorder level for the low-stock list (NULL: not watched).
ALTER TABLE products ADD COLUMN reorder_level_milli INTEGER CHECK (reorder_level_milli >= 0);

-- A clerk's shift at this till: float, cash in/out, and the Z close with a blind count.
-- Sales of a shift are the sales with id >= first_sale_id and this shift_id (a rowid range, so
-- selling pays for no extra index).
CREATE TABLE shifts (
    id                INTEGER PRIMARY KEY,
    point_code        TEXT NOT NULL,
    user_id           INTEGER NOT NULL REFERENCES users (id),
    opened_at         TEXT NOT NULL,
    business_date     TEXT NOT NULL,
    float_vnd         INTEGER NOT NULL CHECK (float_vnd >= 0),
    first_sale_id     INTEGER NOT NULL,
    closed_at         TEXT,
    closed_by         INTEGER REFERENCES users (id),
    approved_by       INTEGER REFERENCES users (id),
    z_no              INTEGER,
    expected_cash_vnd INTEGER,
    counted_cash_vnd  INTEGER,
    end_of_day        INTEGER NOT NULL DEFAULT 0 CHECK (end_of_day IN (0, 1)),
    -- The Z report as it was printed (JSON), kept for reprints.
    z_report          TEXT,
    UNIQUE (point_code, z_no),
    CHECK ((closed_at IS NULL) = (z_no IS NULL))
) STRICT;

CREATE UNIQUE INDEX shifts_one_open ON shifts (point_code) WHERE closed_at IS NULL;

CREATE TRIGGER shifts_closed_frozen BEFORE UPDATE ON shifts
WHEN OLD.closed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'closed shifts are immutable');
END;

CREATE TRIGGER shifts_undeletable BEFORE DELETE ON shifts
BEGIN
    SELECT RAISE(ABORT, 'shifts are never deleted');
END;

CREATE TABLE cash_moves (
    id          INTEGER PRIMARY KEY,
    shift_id    INTEGER NOT NULL REFERENCES shifts (id),
    kind        TEXT NOT NULL CHECK (kind IN ('in', 'out')),
    amount_vnd  INTEGER NOT NULL CHECK (amount_vnd > 0),
    reason      TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    approved_by INTEGER REFERENCES users (id),
    at          TEXT NOT NULL
) STRICT;

CREATE INDEX cash_moves_shift ON cash_moves (shift_id);

ALTER TABLE sales ADD COLUMN shift_id INTEGER REFERENCES shifts (id);

-- Messages waiting to be pushed to the hub. A daily summary is re-sent with a higher revision
-- when its day changes after it was closed.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('daily_summary')),
    subject         TEXT NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    next_attempt_at TEXT,
    delivered_at    TEXT,
    UNIQUE (kind, subject, revision)
) STRICT;

CREATE INDEX outbox_pending ON outbox (status) WHERE status = 'pending';

-- A producer's consigned sales over a period, settled (paid) once; periods never overlap.
CREATE TABLE consignment_settlements (
    id           INTEGER PRIMARY KEY,
    producer_id  INTEGER NOT NULL REFERENCES producers (id),
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    amount_vnd   INTEGER NOT NULL,
    statement    TEXT NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    approved_by  INTEGER REFERENCES users (id),
    settled_at   TEXT NOT NULL,
    CHECK (period_from <= period_to)
) STRICT;

CREATE INDEX consignment_settlements_producer ON consignment_settlements (producer_id);

CREATE TRIGGER consignment_settlements_frozen BEFORE UPDATE ON consignment_settlements
BEGIN
    SELECT RAISE(ABORT, 'settlements are immutable');
END;
