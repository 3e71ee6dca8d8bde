//! Batched reads of products and categories, for nested fields.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use uuid::Uuid;

use super::{
    images::{ProductImage, ProductImagesService},
    model::{Category, Product},
    service::ProductsService,
};
use crate::graphql::error::ApiError;

/// Loads products by id in one query per batch.
pub struct ProductByIdLoader(pub ProductsService);

impl Loader<Uuid> for ProductByIdLoader {
    type Value = Product;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Product>, ApiError> {
        let products = self.0.by_ids(keys).await?;
        Ok(products
            .into_iter()
            .map(|product| (product.id, product))
            .collect())
    }
}

/// Loads categories by id in one query per batch.
pub struct CategoryByIdLoader(pub ProductsService);

impl Loader<Uuid> for CategoryByIdLoader {
    type Value = Category;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Category>, ApiError> {
        let categories = self.0.categories_by_ids(keys).await?;
        Ok(categories
            .into_iter()
            .map(|category| (category.id, category))
            .collect())
    }
}

/// Loads the children of categories by parent id in one query per batch.
pub struct SubcategoriesLoader(pub ProductsService);

impl Loader<Uuid> for SubcategoriesLoader {
    type Value = Vec<Category>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<Category>>, ApiError> {
        let mut children: HashMap<Uuid, Vec<Category>> =
            keys.iter().map(|key| (*key, Vec::new())).collect();
        for category in self.0.categories_by_parent_ids(keys).await? {
            if let Some(parent_id) = category.parent_id {
                children.entry(parent_id).or_default().push(category);
            }
        }
        Ok(children)
    }
}

/// Loads the images of products by product id in one query per batch.
pub struct ImagesByProductLoader(pub ProductImagesService);

impl Loader<Uuid> for ImagesByProductLoader {
    type Value = Vec<ProductImage>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<ProductImage>>, ApiError> {
        let mut images: HashMap<Uuid, Vec<ProductImage>> =
            keys.iter().map(|key| (*key, Vec::new())).collect();
        for image in self.0.by_product_ids(keys).await? {
            images.entry(image.product_id).or_default().push(image);
        }
        Ok(images)
    }
}
