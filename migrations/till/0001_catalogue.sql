-- The point's settings and its catalogue: producers, products, their VAT schedule and barcodes.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE producers (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('htx', 'doanh_nghiep', 'ho_kinh_doanh', 'to_hop_tac')),
    commune_code TEXT NOT NULL DEFAULT '',
    tax_code     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE products (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    search_name      TEXT NOT NULL,
    unit             TEXT NOT NULL,
    price_vnd        INTEGER NOT NULL CHECK (price_vnd >= 0),
    ocop_group       INTEGER CHECK (ocop_group BETWEEN 1 AND 6),
    stars            INTEGER CHECK (stars BETWEEN 3 AND 5),
    cert_no          TEXT NOT NULL DEFAULT '',
    cert_date        TEXT,
    cert_valid_until TEXT,
    producer_id      INTEGER REFERENCES producers (id),
    plu              INTEGER UNIQUE CHECK (plu BETWEEN 1 AND 999999),
    sold_by_weight   INTEGER NOT NULL DEFAULT 0 CHECK (sold_by_weight IN (0, 1)),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE INDEX products_producer ON products (producer_id);

-- VAT rate of a product over time; `valid_until` is inclusive, NULL bounds are open.
CREATE TABLE product_vat (
    product_id  INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    valid_from  TEXT,
    valid_until TEXT,
    rate_bp     INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000)
) STRICT;

CREATE INDEX product_vat_product ON product_vat (product_id);

CREATE TABLE barcodes (
    code       TEXT PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX barcodes_product ON barcodes (product_id);
