CREATE TABLE orders (
    id bigint NOT NULL,
    created_at timestamptz NOT NULL,
    amount numeric(12, 2) NOT NULL,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
