-- pgpart demo data. ${...} placeholders are filled in relative to today (UTC).
SET TimeZone = 'UTC';

-- Orders: range-partitioned by time. Two hand-made monthly partitions (named their own way,
-- not pgpart's: pgpart matches partitions by bounds, never by name, and never drops what it did
-- not create), the third month as an earlier pgpart run made it (its marker comment), and a
-- DEFAULT partition that caught everything else.
CREATE TABLE orders (
    id          bigint        NOT NULL,
    created_at  timestamptz   NOT NULL,
    customer_id bigint        NOT NULL,
    amount      numeric(10,2) NOT NULL,
    region      text          NOT NULL,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE TABLE orders_${m0name} PARTITION OF orders FOR VALUES FROM ('${start} 00:00:00+00') TO ('${m1} 00:00:00+00');
CREATE TABLE orders_${m1name} PARTITION OF orders FOR VALUES FROM ('${m1} 00:00:00+00') TO ('${m2} 00:00:00+00');
CREATE TABLE orders_p${m2compact} PARTITION OF orders FOR VALUES FROM ('${m2} 00:00:00+00') TO ('${m3} 00:00:00+00');
COMMENT ON TABLE orders_p${m2compact} IS 'pgpart:managed partition of public.orders';
CREATE TABLE orders_default PARTITION OF orders DEFAULT;
CREATE INDEX ON orders (customer_id);

INSERT INTO orders (id, created_at, customer_id, amount, region)
SELECT g,
       timestamptz '${start} 00:00:00+00' + (now() - timestamptz '${start} 00:00:00+00') * (g::float8 / ${orders}),
       1 + (g * 7919) % 20000,
       round((5 + (g * 37) % 49500 / 100.0)::numeric, 2),
       (ARRAY['na', 'eu', 'apac', 'latam'])[1 + g % 4]
FROM generate_series(1, ${orders}) AS g;

-- Orders by region: list-partitioned, only a DEFAULT so far. The config lists na, eu and apac;
-- 'latam' is not configured, so its rows stay in the default and `check` reports them.
CREATE TABLE orders_by_region (
    id         bigint        NOT NULL,
    region     text          NOT NULL,
    created_at timestamptz   NOT NULL,
    amount     numeric(10,2) NOT NULL,
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE orders_by_region_default PARTITION OF orders_by_region DEFAULT;
INSERT INTO orders_by_region SELECT id, region, created_at, amount FROM orders WHERE id % 9 = 0;

-- Customers: hash-partitioned, no partitions yet (a hash table cannot take rows until it has all of them).
CREATE TABLE customers (
    id         bigint      NOT NULL PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY HASH (id);

ANALYZE;
