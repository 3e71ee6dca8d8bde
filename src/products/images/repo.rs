//! SQL for product images.

use sqlx::PgConnection;
use uuid::Uuid;

use super::ProductImage;

/// The images of these products, in order.
pub async fn by_product_ids(
    connection: &mut PgConnection,
    product_ids: &[Uuid],
) -> Result<Vec<ProductImage>, sqlx::Error> {
    sqlx::query_as!(
        ProductImage,
        "SELECT id, product_id, object_key, content_type, byte_size, alt_text, position, created_by, created_at
         FROM product_images WHERE product_id = ANY($1) ORDER BY product_id, position, id",
        product_ids
    )
    .fetch_all(connection)
    .await
}

/// Adds an image after the product's last one; the caller holds the product's row lock.
pub async fn insert(
    connection: &mut PgConnection,
    image: &ProductImage,
) -> Result<ProductImage, sqlx::Error> {
    sqlx::query_as!(
        ProductImage,
        "INSERT INTO product_images (id, product_id, object_key, content_type, byte_size, alt_text, position, created_by)
         VALUES ($1, $2, $3, $4, $5, $6,
                 (SELECT coalesce(max(position) + 1, 0) FROM product_images WHERE product_id = $2), $7)
         RETURNING id, product_id, object_key, content_type, byte_size, alt_text, position, created_by, created_at",
        image.id,
        image.product_id,
        image.object_key,
        image.content_type,
        image.byte_size,
        image.alt_text,
        image.created_by
    )
    .fetch_one(connection)
    .await
}

/// Removes one image of a product; returns it when it existed.
pub async fn delete(
    connection: &mut PgConnection,
    product_id: Uuid,
    image_id: Uuid,
) -> Result<Option<ProductImage>, sqlx::Error> {
    sqlx::query_as!(
        ProductImage,
        "DELETE FROM product_images WHERE product_id = $1 AND id = $2
         RETURNING id, product_id, object_key, content_type, byte_size, alt_text, position, created_by, created_at",
        product_id,
        image_id
    )
    .fetch_optional(connection)
    .await
}
