-- Transfers between warehouses (in transit until received, partial receipt allowed) and cycle counts whose
-- variances are posted to the ledger when the count completes.

CREATE TABLE stock_transfers (
    id                 uuid        PRIMARY KEY,
    from_warehouse_id  uuid        NOT NULL REFERENCES warehouses (id),
    to_warehouse_id    uuid        NOT NULL REFERENCES warehouses (id),
    status             text        NOT NULL CHECK (status IN ('IN_TRANSIT', 'PARTIALLY_RECEIVED', 'RECEIVED')),
    note               text        CHECK (length(note) <= 1000),
    created_by         uuid,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (from_warehouse_id <> to_warehouse_id)
);

CREATE INDEX stock_transfers_created_idx ON stock_transfers (created_at DESC, id DESC);

CREATE TABLE stock_transfer_lines (
    transfer_id        uuid   NOT NULL REFERENCES stock_transfers (id),
    product_id         uuid   NOT NULL REFERENCES products (id),
    quantity_sent      bigint NOT NULL CHECK (quantity_sent > 0),
    quantity_received  bigint NOT NULL DEFAULT 0 CHECK (quantity_received BETWEEN 0 AND quantity_sent),
    PRIMARY KEY (transfer_id, product_id)
);

CREATE TABLE stock_counts (
    id            uuid        PRIMARY KEY,
    warehouse_id  uuid        NOT NULL REFERENCES warehouses (id),
    status        text        NOT NULL CHECK (status IN ('OPEN', 'COMPLETED')),
    note          text        CHECK (length(note) <= 1000),
    started_by    uuid,
    started_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz
);

CREATE INDEX stock_counts_started_idx ON stock_counts (started_at DESC, id DESC);

CREATE TABLE stock_count_lines (
    count_id          uuid        NOT NULL REFERENCES stock_counts (id),
    product_id        uuid        NOT NULL REFERENCES products (id),
    counted_quantity  bigint      NOT NULL CHECK (counted_quantity >= 0),
    -- On hand when the count completed, and the variance posted (counted minus expected).
    expected_quantity bigint,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (count_id, product_id)
);
