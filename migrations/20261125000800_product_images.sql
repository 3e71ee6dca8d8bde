-- Product images: files in the object store (S3 or the media folder), attached to a product by key after the
-- client uploaded them to a presigned URL. The row holds what the service verified when it accepted the file.

CREATE TABLE product_images (
    id            uuid        PRIMARY KEY,
    product_id    uuid        NOT NULL REFERENCES products (id),
    object_key    text        NOT NULL CHECK (length(object_key) <= 300),
    content_type  text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    byte_size     bigint      NOT NULL CHECK (byte_size > 0),
    alt_text      text        CHECK (length(alt_text) <= 200),
    position      integer     NOT NULL CHECK (position >= 0),
    created_by    uuid,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX product_images_key_key ON product_images (object_key);
CREATE INDEX product_images_product_idx ON product_images (product_id, position);
