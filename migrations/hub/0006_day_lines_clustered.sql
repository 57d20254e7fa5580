-- B6: a day's lines stored in their primary key's order (WITHOUT ROWID), so each line is one
-- b-tree insert instead of a table row plus an index entry. Same columns, keys and rows.
CREATE TABLE day_lines_clustered (
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
) STRICT, WITHOUT ROWID;

INSERT INTO day_lines_clustered
    SELECT point_code, business_date, product_code, gtin, name, producer_code, ocop_group, stars,
           unit, qty_milli, net_vnd, vat_vnd
    FROM day_lines;
DROP TABLE day_lines;
ALTER TABLE day_lines_clustered RENAME TO day_lines;
