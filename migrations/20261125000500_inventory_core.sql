-- Inventory: warehouses, stock per product per warehouse, the append-only movement ledger and idempotency keys.
-- Invariant (tested): for every level, on_hand = sum(on_hand_delta) and reserved = sum(reserved_delta) of its
-- movements.

CREATE TABLE warehouses (
    id          uuid        PRIMARY KEY,
    code        text        NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,19}$'),
    name_th     text        NOT NULL CHECK (length(name_th) BETWEEN 1 AND 120),
    name_en     text        CHECK (length(name_en) BETWEEN 1 AND 120),
    address     text        CHECK (length(address) <= 500),
    is_active   boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX warehouses_code_key ON warehouses (code);

CREATE TABLE stock_levels (
    product_id        uuid        NOT NULL REFERENCES products (id),
    warehouse_id      uuid        NOT NULL REFERENCES warehouses (id),
    on_hand           bigint      NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved          bigint      NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    reorder_point     bigint      NOT NULL DEFAULT 0 CHECK (reorder_point >= 0),
    reorder_quantity  bigint      NOT NULL DEFAULT 0 CHECK (reorder_quantity >= 0),
    -- Whether available stock is at or below the reorder point; flips once per crossing.
    below_reorder     boolean     NOT NULL DEFAULT false,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, warehouse_id)
);

CREATE INDEX stock_levels_warehouse_idx ON stock_levels (warehouse_id, product_id);
CREATE INDEX stock_levels_below_reorder_idx ON stock_levels (warehouse_id) WHERE below_reorder;

CREATE TABLE stock_movements (
    id               uuid        PRIMARY KEY,
    product_id       uuid        NOT NULL REFERENCES products (id),
    warehouse_id     uuid        NOT NULL REFERENCES warehouses (id),
    movement_type    text        NOT NULL CHECK (movement_type IN ('RECEIVE', 'ISSUE', 'TRANSFER_OUT', 'TRANSFER_IN',
                                                 'ADJUST', 'RESERVE', 'RELEASE', 'COUNT_VARIANCE')),
    quantity         bigint      NOT NULL CHECK (quantity > 0),
    on_hand_delta    bigint      NOT NULL,
    reserved_delta   bigint      NOT NULL,
    on_hand_after    bigint      NOT NULL,
    reserved_after   bigint      NOT NULL,
    reason           text        CHECK (length(reason) <= 200),
    reference_type   text        CHECK (length(reference_type) <= 40),
    reference_id     text        CHECK (length(reference_id) <= 100),
    note             text        CHECK (length(note) <= 1000),
    actor_user_id    uuid,
    occurred_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX stock_movements_level_idx ON stock_movements (product_id, warehouse_id, occurred_at DESC, id DESC);
CREATE INDEX stock_movements_time_idx ON stock_movements (occurred_at DESC, id DESC);
CREATE INDEX stock_movements_warehouse_idx ON stock_movements (warehouse_id, occurred_at DESC, id DESC);

-- The ledger is history: nobody changes it, whoever asks.
CREATE FUNCTION stock_movements_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'stock_movements is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER stock_movements_no_update_delete
BEFORE UPDATE OR DELETE ON stock_movements
FOR EACH ROW EXECUTE FUNCTION stock_movements_refuse_change();

CREATE TRIGGER stock_movements_no_truncate
BEFORE TRUNCATE ON stock_movements
FOR EACH STATEMENT EXECUTE FUNCTION stock_movements_refuse_change();

-- Idempotency keys: the first request with a key stores its result; a repeat returns that result.
CREATE TABLE idempotency_keys (
    scope        text        NOT NULL,
    key          text        NOT NULL CHECK (length(key) BETWEEN 8 AND 100),
    fingerprint  text        NOT NULL,
    response     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
