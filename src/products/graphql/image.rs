//! Product images over GraphQL: a presigned upload, then attach by key; remove.

use async_graphql::{ComplexObject, Context, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;
use validator::Validate;

use crate::{
    graphql::{context::ContextExt, error::validate_input},
    platform::auth::Permission,
    products::{
        images::{MAX_IMAGE_BYTES, ProductImage},
        model::Product,
    },
};

/// What the client means to upload.
#[derive(Debug, InputObject)]
pub struct RequestProductImageUploadInput {
    /// The product (active).
    pub product_id: Uuid,
    /// `image/jpeg`, `image/png` or `image/webp`.
    pub content_type: String,
    /// The file's size in bytes (at most 5 MiB).
    pub byte_size: i64,
}

/// One HTTP header.
#[derive(Debug, Clone, SimpleObject)]
pub struct HttpHeader {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

/// Where to upload an image, and the key to attach it by afterwards.
#[derive(Debug, Clone, SimpleObject)]
pub struct ProductImageUpload {
    /// The key to pass to `attachProductImage` once the upload succeeded.
    pub key: String,
    /// The URL to send the file to (absolute for S3; relative to the API's origin for the media folder).
    pub upload_url: String,
    /// The HTTP method: `PUT`.
    pub method: String,
    /// Headers the upload must carry exactly as given (they are signed).
    pub headers: Vec<HttpHeader>,
    /// When the URL stops working.
    pub expires_at: DateTime<Utc>,
    /// The largest file accepted, in bytes.
    pub max_bytes: i64,
}

/// An uploaded file to attach.
#[derive(Debug, InputObject, Validate)]
pub struct AttachProductImageInput {
    /// The product.
    pub product_id: Uuid,
    /// The key from `requestProductImageUpload`.
    pub key: String,
    /// Text for screen readers, e.g. `ข้าวหอมมะลิ ถุง 5 กก. ด้านหน้า`.
    #[validate(length(max = 200, message = "must be at most 200 characters"))]
    pub alt_text: Option<String>,
}

/// An image to remove.
#[derive(Debug, InputObject)]
pub struct RemoveProductImageInput {
    /// The product.
    pub product_id: Uuid,
    /// The image.
    pub image_id: Uuid,
}

#[ComplexObject]
impl ProductImage {
    /// A URL to show the image from, valid for an hour.
    async fn url(&self, ctx: &Context<'_>) -> String {
        ctx.state()
            .product_images
            .storage()
            .download_url(&self.object_key)
    }
}

/// Image mutations (need `product:write`).
#[derive(Default)]
pub struct ProductImageMutation;

#[Object]
impl ProductImageMutation {
    /// Grants a presigned upload of one image (valid 15 minutes); attach it with `attachProductImage`.
    async fn request_product_image_upload(
        &self,
        ctx: &Context<'_>,
        input: RequestProductImageUploadInput,
    ) -> async_graphql::Result<ProductImageUpload> {
        ctx.require(Permission::ProductWrite)?;
        let upload = ctx
            .state()
            .product_images
            .request_upload(
                &ctx.origin(),
                input.product_id,
                &input.content_type,
                input.byte_size,
            )
            .await?;
        Ok(ProductImageUpload {
            key: upload.key,
            upload_url: upload.ticket.url,
            method: "PUT".into(),
            headers: upload
                .ticket
                .headers
                .into_iter()
                .map(|(name, value)| HttpHeader { name, value })
                .collect(),
            expires_at: upload.ticket.expires_at,
            max_bytes: MAX_IMAGE_BYTES,
        })
    }

    /// Attaches an uploaded image after checking that the file is the declared image and small enough.
    async fn attach_product_image(
        &self,
        ctx: &Context<'_>,
        input: AttachProductImageInput,
    ) -> async_graphql::Result<Product> {
        ctx.require(Permission::ProductWrite)?;
        validate_input(&input)?;
        Ok(ctx
            .state()
            .product_images
            .attach(&ctx.origin(), input.product_id, &input.key, input.alt_text)
            .await?)
    }

    /// Removes an image from a product and deletes its file.
    async fn remove_product_image(
        &self,
        ctx: &Context<'_>,
        input: RemoveProductImageInput,
    ) -> async_graphql::Result<Product> {
        ctx.require(Permission::ProductWrite)?;
        Ok(ctx
            .state()
            .product_images
            .remove(&ctx.origin(), input.product_id, input.image_id)
            .await?)
    }
}
