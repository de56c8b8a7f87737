-- The tickets of each hall queue day, one row per ticket (see src/Hall/Tickets/ITicketStore.cs),
-- so a change writes the tickets it touches, not the whole day.
-- number is the n of the queue's {prefix}{n:000}; null for transferred-in tickets, which
-- keep the source queue's number. Unique keys decide races between two activations of a
-- queue day: a ticket id or number is stored once. version is the compare-and-set of updates.
-- data is the ticket as JSON. Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS hall_tickets (
  queue_day  TEXT    NOT NULL,
  ticket_id  TEXT    NOT NULL,
  number     INTEGER,
  told_ready INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  data       TEXT    NOT NULL,
  PRIMARY KEY (queue_day, ticket_id)
);

-- NULLs are distinct in a unique index, so unnumbered (transferred-in) tickets never collide.
CREATE UNIQUE INDEX IF NOT EXISTS hall_tickets_number ON hall_tickets (queue_day, number);

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('006_hall_tickets.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
