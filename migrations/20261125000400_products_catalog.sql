-- Product catalog: a category tree and products with Thai/English names, exact THB prices and search that
-- works for Thai text (trigrams need a UTF-8 LC_CTYPE: see scripts/infra/postgres.sh).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE categories (
    id          uuid        PRIMARY KEY,
    parent_id   uuid        REFERENCES categories (id),
    name_th     text        NOT NULL CHECK (length(name_th) BETWEEN 1 AND 120),
    name_en     text        CHECK (length(name_en) BETWEEN 1 AND 120),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id)
);

-- Sibling names are unique (top-level categories are siblings too).
CREATE UNIQUE INDEX categories_sibling_name_key
    ON categories (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name_th));
CREATE INDEX categories_parent_idx ON categories (parent_id);

CREATE TABLE products (
    id              uuid          PRIMARY KEY,
    sku             text          NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    barcode         text          CHECK (barcode ~ '^[A-Za-z0-9-]{4,64}$'),
    name_th         text          NOT NULL CHECK (length(name_th) BETWEEN 1 AND 200),
    name_en         text          CHECK (length(name_en) BETWEEN 1 AND 200),
    description_th  text          CHECK (length(description_th) <= 4000),
    description_en  text          CHECK (length(description_en) <= 4000),
    category_id     uuid          REFERENCES categories (id),
    unit            text          NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
    price           numeric(14,2) NOT NULL CHECK (price >= 0),
    cost            numeric(14,2) NOT NULL CHECK (cost >= 0),
    weight_grams    integer       CHECK (weight_grams > 0),
    length_mm       integer       CHECK (length_mm > 0),
    width_mm        integer       CHECK (width_mm > 0),
    height_mm       integer       CHECK (height_mm > 0),
    is_active       boolean       NOT NULL DEFAULT true,
    version         integer       NOT NULL DEFAULT 1,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    -- One text to search: SKU, barcode and both names.
    search_text     text          GENERATED ALWAYS AS (
        lower(sku || ' ' || COALESCE(barcode, '') || ' ' || name_th || ' ' || COALESCE(name_en, ''))
    ) STORED
);

CREATE UNIQUE INDEX products_sku_key ON products (lower(sku));
CREATE UNIQUE INDEX products_barcode_key ON products (barcode) WHERE barcode IS NOT NULL;
CREATE INDEX products_category_idx ON products (category_id);
CREATE INDEX products_created_idx ON products (created_at DESC, id DESC);
CREATE INDEX products_search_trgm_idx ON products USING gin (search_text gin_trgm_ops);
