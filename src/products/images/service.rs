//! Uploading, attaching and removing product images.

use std::time::Duration;

use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::{
    ImageFormat, MAX_IMAGE_BYTES, MAX_IMAGES_PER_PRODUCT, ProductImage, new_key, parse_key, repo,
};
use crate::{
    audit::{self, Change, Origin},
    platform::storage::{ObjectStorage, UploadTicket},
    products::{
        cache::ProductCache, error::ProductError, events, model::Product, repo as products_repo,
    },
};

/// How long an upload URL stays valid.
const UPLOAD_TTL: Duration = Duration::from_secs(15 * 60);

/// A granted upload: where to put the file, and the key to attach it by afterwards.
#[derive(Debug, Clone)]
pub struct ImageUpload {
    /// The key to pass to `attachProductImage`.
    pub key: String,
    /// The presigned `PUT`.
    pub ticket: UploadTicket,
}

/// Product images over the object store.
#[derive(Clone)]
pub struct ProductImagesService {
    pool: PgPool,
    storage: ObjectStorage,
    cache: ProductCache,
}

impl ProductImagesService {
    /// Builds the service.
    pub fn new(pool: PgPool, storage: ObjectStorage, cache: ProductCache) -> Self {
        Self {
            pool,
            storage,
            cache,
        }
    }

    /// The object store (the media routes serve it when it is a folder).
    pub fn storage(&self) -> &ObjectStorage {
        &self.storage
    }

    /// Grants a presigned upload of one image of `content_type` and `byte_size` for an active product.
    pub async fn request_upload(
        &self,
        origin: &Origin,
        product_id: Uuid,
        content_type: &str,
        byte_size: i64,
    ) -> Result<ImageUpload, ProductError> {
        let format = ImageFormat::from_content_type(content_type).ok_or_else(|| {
            ProductError::BadInput(
                "input.contentType",
                "must be image/jpeg, image/png or image/webp".into(),
            )
        })?;
        check_size("input.byteSize", byte_size)?;
        let mut transaction = self.pool.begin().await?;
        let product = products_repo::product_for_update(&mut transaction, product_id)
            .await?
            .ok_or(ProductError::ProductNotFound)?;
        if !product.is_active {
            return Err(ProductError::BadInput(
                "input.productId",
                "the product is archived".into(),
            ));
        }
        let key = new_key(product_id, format);
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "requestProductImageUpload",
                entity_type: "Product",
                entity_id: product_id.to_string(),
                before: None,
                after: Some(json!({"key": key, "contentType": format.content_type(), "byteSize": byte_size})),
                events: Vec::new(),
            },
        )
        .await?;
        transaction.commit().await?;
        let ticket = self
            .storage
            .upload_ticket(&key, format.content_type(), UPLOAD_TTL);
        Ok(ImageUpload { key, ticket })
    }

    /// Attaches the uploaded file under `key` after checking what arrived; a file that is not the declared
    /// image, or too large, is deleted and refused.
    pub async fn attach(
        &self,
        origin: &Origin,
        product_id: Uuid,
        key: &str,
        alt_text: Option<String>,
    ) -> Result<Product, ProductError> {
        let format = parse_key(key, product_id).ok_or_else(|| {
            ProductError::BadInput("input.key", "is not an upload key of this product".into())
        })?;
        let head = self.storage.head(key).await?.ok_or_else(|| {
            ProductError::BadInput(
                "input.key",
                "nothing was uploaded under this key (or the upload URL expired)".into(),
            )
        })?;
        let byte_size = i64::try_from(head.byte_size).unwrap_or(i64::MAX);
        let refusal = if let Err(error) = check_size("input.key", byte_size) {
            Some(error)
        } else if !format.matches(&head.first_bytes) {
            Some(ProductError::BadInput(
                "input.key",
                format!("the uploaded file is not a {} image", format.content_type()),
            ))
        } else {
            None
        };
        if let Some(error) = refusal {
            self.storage.delete(key).await?;
            return Err(error);
        }

        let mut transaction = self.pool.begin().await?;
        let before = products_repo::product_for_update(&mut transaction, product_id)
            .await?
            .ok_or(ProductError::ProductNotFound)?;
        let images_before = repo::by_product_ids(&mut transaction, &[product_id]).await?;
        if images_before.iter().any(|image| image.object_key == key) {
            return Err(ProductError::BadInput(
                "input.key",
                "is already attached".into(),
            ));
        }
        if images_before.len() as i64 >= MAX_IMAGES_PER_PRODUCT {
            return Err(ProductError::BadInput(
                "input.productId",
                format!("a product has at most {MAX_IMAGES_PER_PRODUCT} images"),
            ));
        }
        let image = repo::insert(
            &mut transaction,
            &ProductImage {
                id: Uuid::now_v7(),
                product_id,
                object_key: key.to_owned(),
                content_type: format.content_type().to_owned(),
                byte_size,
                alt_text,
                position: 0,
                created_by: origin.user_id,
                created_at: chrono::Utc::now(),
            },
        )
        .await?;
        let mut images_after = images_before.clone();
        images_after.push(image);
        self.commit_change(
            transaction,
            origin,
            "attachProductImage",
            &before,
            (&images_before, &images_after),
        )
        .await
    }

    /// Detaches an image and deletes its file.
    pub async fn remove(
        &self,
        origin: &Origin,
        product_id: Uuid,
        image_id: Uuid,
    ) -> Result<Product, ProductError> {
        let mut transaction = self.pool.begin().await?;
        let before = products_repo::product_for_update(&mut transaction, product_id)
            .await?
            .ok_or(ProductError::ProductNotFound)?;
        let images_before = repo::by_product_ids(&mut transaction, &[product_id]).await?;
        let removed = repo::delete(&mut transaction, product_id, image_id)
            .await?
            .ok_or(ProductError::ImageNotFound)?;
        let images_after: Vec<_> = images_before
            .iter()
            .filter(|image| image.id != image_id)
            .cloned()
            .collect();
        let product = self
            .commit_change(
                transaction,
                origin,
                "removeProductImage",
                &before,
                (&images_before, &images_after),
            )
            .await?;
        // The row is gone and committed; a file left behind by a failing store is only wasted space.
        if let Err(error) = self.storage.delete(&removed.object_key).await {
            tracing::warn!(%error, key = removed.object_key, "product image file not deleted");
        }
        Ok(product)
    }

    /// The images of these products, in order.
    pub async fn by_product_ids(&self, ids: &[Uuid]) -> Result<Vec<ProductImage>, ProductError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::by_product_ids(&mut connection, ids).await?)
    }

    /// Bumps the product's version (so caches and clients see the change), records it, commits and drops the
    /// cached product.
    async fn commit_change(
        &self,
        mut transaction: sqlx::Transaction<'static, sqlx::Postgres>,
        origin: &Origin,
        action: &'static str,
        product: &Product,
        (images_before, images_after): (&[ProductImage], &[ProductImage]),
    ) -> Result<Product, ProductError> {
        let updated = products_repo::update_product(&mut transaction, product).await?;
        let with_images = |product: &Product, images: &[ProductImage]| {
            let mut value = product.to_json();
            value["images"] = json!(images);
            value
        };
        audit::record(
            &mut transaction,
            origin,
            Change {
                action,
                entity_type: "Product",
                entity_id: product.id.to_string(),
                before: Some(with_images(product, images_before)),
                after: Some(with_images(&updated, images_after)),
                events: vec![events::product_changed(events::PRODUCT_UPDATED, &updated)],
            },
        )
        .await?;
        transaction.commit().await?;
        self.cache.invalidate(product.id).await;
        Ok(updated)
    }
}

fn check_size(path: &'static str, byte_size: i64) -> Result<(), ProductError> {
    if (1..=MAX_IMAGE_BYTES).contains(&byte_size) {
        Ok(())
    } else {
        Err(ProductError::BadInput(
            path,
            format!("an image must be 1 to {MAX_IMAGE_BYTES} bytes"),
        ))
    }
}
