-- Optional bins: named places inside a warehouse (zone-aisle-shelf, e.g. `A-01-3`). A stock level may name its
-- home bin, where the product is put away and picked; stock itself stays counted per product per warehouse.

CREATE TABLE warehouse_bins (
    id            uuid        PRIMARY KEY,
    warehouse_id  uuid        NOT NULL REFERENCES warehouses (id),
    code          text        NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,29}$'),
    description   text        CHECK (length(description) BETWEEN 1 AND 200),
    is_active     boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- The target of stock_levels' composite key: a level's bin is always in the level's own warehouse.
    UNIQUE (id, warehouse_id)
);

CREATE UNIQUE INDEX warehouse_bins_code_key ON warehouse_bins (warehouse_id, code);

ALTER TABLE stock_levels
    ADD COLUMN bin_id uuid,
    ADD CONSTRAINT stock_levels_bin_fkey FOREIGN KEY (bin_id, warehouse_id) REFERENCES warehouse_bins (id, warehouse_id);

CREATE INDEX stock_levels_bin_idx ON stock_levels (bin_id) WHERE bin_id IS NOT NULL;
