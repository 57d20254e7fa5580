-- The province's OCOP product registry, imported from CSV and served to tills.
CREATE TABLE catalogue (
    product_code     TEXT PRIMARY KEY,
    gtin             TEXT NOT NULL,
    name             TEXT NOT NULL,
    producer_code    TEXT NOT NULL,
    producer_name    TEXT NOT NULL,
    ocop_group       INTEGER CHECK (ocop_group BETWEEN 1 AND 6),
    stars            INTEGER CHECK (stars BETWEEN 3 AND 5),
    cert_no          TEXT NOT NULL,
    cert_date        TEXT,
    cert_valid_until TEXT
) STRICT;
