-- Print jobs that are not a sale's receipt keep what rebuilds their document: an X report's
-- figures as taken, a Z number, a product label. Empty for receipts, reprints, the test page and
-- the drawer.
ALTER TABLE print_jobs ADD COLUMN payload TEXT NOT NULL DEFAULT '';

-- The worker takes the oldest pending job; printed jobs pile up, so only pending ones are indexed.
CREATE INDEX print_jobs_pending ON print_jobs (id) WHERE status = 'pending';
