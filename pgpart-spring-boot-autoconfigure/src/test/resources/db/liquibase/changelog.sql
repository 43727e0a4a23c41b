--liquibase formatted sql

--changeset pgpart:1
CREATE TABLE orders (
    id bigint NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
