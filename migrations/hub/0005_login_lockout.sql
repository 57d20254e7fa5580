-- Wrong dashboard passwords per staff user, kept in the database so a restart does not forgive
-- them: after too many in a row the user is locked out until `locked_until`.
CREATE TABLE login_failures (
    username      TEXT PRIMARY KEY REFERENCES staff (username) ON DELETE CASCADE,
    failures      INTEGER NOT NULL CHECK (failures >= 0),
    first_failed_at TEXT NOT NULL,
    locked_until  TEXT
) STRICT;
