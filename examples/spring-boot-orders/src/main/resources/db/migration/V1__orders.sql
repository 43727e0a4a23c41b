-- Partitioned tables only: pgpart creates (and, with pgpart.allow-removal, removes) their partitions.
-- The primary key includes the partition key, as PostgreSQL requires.
CREATE TABLE orders (
    id bigint NOT NULL,
    created_at timestamptz NOT NULL,
    customer text NOT NULL,
    amount numeric(12, 2) NOT NULL,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE TABLE customers (
    id bigint NOT NULL,
    region text NOT NULL,
    name text NOT NULL,
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
