-- The tickets of each hall queue day, one row per ticket (see src/Hall/Tickets/ITicketStore.cs),
-- so a change writes the tickets it touches, not the whole day. Hash-partitioned by queue
-- day like the other tables; both unique keys include it, as partitioning requires.
-- number is the n of the queue's {prefix}{n:000}; null for transferred-in tickets, which
-- keep the source queue's number. Unique keys decide races between two activations of a
-- queue day: a ticket id or number is stored once. version is the compare-and-set of updates.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS hall_tickets (
  queue_day  text    NOT NULL,
  ticket_id  text    NOT NULL,
  number     integer,
  told_ready boolean NOT NULL,
  version    bigint  NOT NULL,
  data       jsonb   NOT NULL,
  PRIMARY KEY (queue_day, ticket_id)
) PARTITION BY HASH (queue_day);

CREATE TABLE IF NOT EXISTS hall_tickets_p0 PARTITION OF hall_tickets FOR VALUES WITH (MODULUS 8, REMAINDER 0);
CREATE TABLE IF NOT EXISTS hall_tickets_p1 PARTITION OF hall_tickets FOR VALUES WITH (MODULUS 8, REMAINDER 1);
CREATE TABLE IF NOT EXISTS hall_tickets_p2 PARTITION OF hall_tickets FOR VALUES WITH (MODULUS 8, REMAINDER 2);
CREATE TABLE IF NOT EXISTS hall_tickets_p3 PARTITION OF hall_tickets FOR VALUES WITH (MODULUS 8, REMAINDER 3);
CREATE TABLE IF NOT EXISTS hall_tickets_p4 PARTITION OF hall_tickets FOR VALUES WITH (MODULUS 8, REMAINDER 4);
CREATE TABLE IF NOT EXISTS hall_tickets_p5 PARTITION OF hall_tickets FOR VALUES WITH (MODULUS 8, REMAINDER 5);
CREATE TABLE IF NOT EXISTS hall_tickets_p6 PARTITION OF hall_tickets FOR VALUES WITH (MODULUS 8, REMAINDER 6);
CREATE TABLE IF NOT EXISTS hall_tickets_p7 PARTITION OF hall_tickets FOR VALUES WITH (MODULUS 8, REMAINDER 7);

-- NULLs are distinct, so unnumbered (transferred-in) tickets never collide.
CREATE UNIQUE INDEX IF NOT EXISTS hall_tickets_number ON hall_tickets (queue_day, number);

INSERT INTO schema_migrations (file_name)
VALUES ('006_hall_tickets.sql')
ON CONFLICT (file_name) DO NOTHING;
