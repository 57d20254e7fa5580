-- Trade-promotion events the province measures (design.md §6): the points taking part and,
-- optionally, the products promoted (then the lift counts only their sales).
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('fair', 'new-centre', 'hotel-booth', 'other')),
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL CHECK (end_date >= start_date),
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE event_points (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    point_code TEXT NOT NULL REFERENCES points (code),
    PRIMARY KEY (event_id, point_code)
) STRICT;

CREATE TABLE event_products (
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    product_code TEXT NOT NULL,
    PRIMARY KEY (event_id, product_code)
) STRICT;
