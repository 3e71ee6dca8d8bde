//! The rules of the catalog: valid products and categories, optimistic versions, a tree without cycles, and
//! cache-aside reads. Each change commits with its usage-history record and its event.

use uuid::Uuid;

use super::{
    cache::ProductCache,
    error::{ProductError, on_unique_violation},
    events,
    model::{Barcode, Category, Product, Sku, check_money},
    repo::{self, ProductCursor, ProductSearch, ProductSort},
};
use crate::audit::{self, Change, Origin};
use rust_decimal::Decimal;
use sqlx::PgPool;

/// A field that may be left as it is, cleared, or set.
pub type Edit<T> = Option<Option<T>>;

/// Every editable field of a product; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProductChanges {
    /// New SKU.
    pub sku: Option<String>,
    /// New barcode, or none.
    pub barcode: Edit<String>,
    /// New Thai name.
    pub name_th: Option<String>,
    /// New English name, or none.
    pub name_en: Edit<String>,
    /// New Thai description, or none.
    pub description_th: Edit<String>,
    /// New English description, or none.
    pub description_en: Edit<String>,
    /// New category, or none.
    pub category_id: Edit<Uuid>,
    /// New unit of measure.
    pub unit: Option<String>,
    /// New price.
    pub price: Option<Decimal>,
    /// New cost.
    pub cost: Option<Decimal>,
    /// New weight, or none.
    pub weight_grams: Edit<i32>,
    /// New length, or none.
    pub length_mm: Edit<i32>,
    /// New width, or none.
    pub width_mm: Edit<i32>,
    /// New height, or none.
    pub height_mm: Edit<i32>,
}

impl ProductChanges {
    /// Applies the changes to `product`, checking every rule a client can break.
    fn apply(self, mut product: Product) -> Result<Product, ProductError> {
        if let Some(sku) = self.sku {
            product.sku = Sku::parse(&sku)
                .ok_or(ProductError::BadInput(
                    "input.sku",
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit".into(),
                ))?
                .as_str()
                .to_owned();
        }
        if let Some(barcode) = self.barcode {
            product.barcode = barcode
                .map(|code| {
                    Barcode::parse(&code)
                        .map(|valid| valid.as_str().to_owned())
                        .map_err(|error| ProductError::BadInput("input.barcode", error.to_string()))
                })
                .transpose()?;
        }
        if let Some(name_th) = self.name_th {
            product.name_th = name_th.trim().to_owned();
        }
        apply_edit(
            &mut product.name_en,
            self.name_en.map(|name| name.map(|n| n.trim().to_owned())),
        );
        apply_edit(&mut product.description_th, self.description_th);
        apply_edit(&mut product.description_en, self.description_en);
        apply_edit(&mut product.category_id, self.category_id);
        if let Some(unit) = self.unit {
            product.unit = unit.trim().to_owned();
        }
        if let Some(price) = self.price {
            check_money(&price)
                .map_err(|problem| ProductError::BadInput("input.price", problem.into()))?;
            product.price = price;
        }
        if let Some(cost) = self.cost {
            check_money(&cost)
                .map_err(|problem| ProductError::BadInput("input.cost", problem.into()))?;
            product.cost = cost;
        }
        apply_edit(&mut product.weight_grams, self.weight_grams);
        apply_edit(&mut product.length_mm, self.length_mm);
        apply_edit(&mut product.width_mm, self.width_mm);
        apply_edit(&mut product.height_mm, self.height_mm);
        check_fields(&product)?;
        Ok(product)
    }
}

/// The limits the database enforces too, checked first so that a client gets a field error, not a failure.
fn check_fields(product: &Product) -> Result<(), ProductError> {
    let length = |text: &str| text.chars().count();
    let texts = [
        ("input.nameTh", Some(product.name_th.as_str()), 1, 200),
        ("input.nameEn", product.name_en.as_deref(), 1, 200),
        (
            "input.descriptionTh",
            product.description_th.as_deref(),
            0,
            4000,
        ),
        (
            "input.descriptionEn",
            product.description_en.as_deref(),
            0,
            4000,
        ),
        ("input.unit", Some(product.unit.as_str()), 1, 20),
    ];
    for (path, text, min, max) in texts {
        if let Some(text) = text
            && !(min..=max).contains(&length(text))
        {
            return Err(ProductError::BadInput(
                path,
                format!("must be {min} to {max} characters"),
            ));
        }
    }
    let sizes = [
        ("input.weightGrams", product.weight_grams, 10_000_000),
        ("input.lengthMm", product.length_mm, 100_000),
        ("input.widthMm", product.width_mm, 100_000),
        ("input.heightMm", product.height_mm, 100_000),
    ];
    for (path, value, max) in sizes {
        if value.is_some_and(|value| !(1..=max).contains(&value)) {
            return Err(ProductError::BadInput(path, format!("must be 1 to {max}")));
        }
    }
    Ok(())
}

fn apply_edit<T>(field: &mut Option<T>, edit: Edit<T>) {
    if let Some(value) = edit {
        *field = value;
    }
}

/// The catalog service.
#[derive(Clone)]
pub struct ProductsService {
    pool: PgPool,
    cache: ProductCache,
}

impl ProductsService {
    /// Builds the service.
    pub fn new(pool: PgPool, cache: ProductCache) -> Self {
        Self { pool, cache }
    }

    /// The cache, for event-driven invalidation.
    pub fn cache(&self) -> &ProductCache {
        &self.cache
    }

    /// Creates a product from `changes` applied to an empty one (SKU, Thai name, unit and price are required).
    pub async fn create(
        &self,
        origin: &Origin,
        changes: ProductChanges,
    ) -> Result<Product, ProductError> {
        for (path, present) in [
            ("input.sku", changes.sku.is_some()),
            ("input.nameTh", changes.name_th.is_some()),
            ("input.unit", changes.unit.is_some()),
            ("input.price", changes.price.is_some()),
        ] {
            if !present {
                return Err(ProductError::BadInput(path, "is required".into()));
            }
        }
        let draft = changes.apply(empty_product())?;
        let mut transaction = self.pool.begin().await?;
        self.check_category(&mut transaction, draft.category_id)
            .await?;
        let product = repo::insert_product(&mut transaction, &draft)
            .await
            .map_err(on_unique_violation)?;
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "createProduct",
                entity_type: "Product",
                entity_id: product.id.to_string(),
                before: None,
                after: Some(product.to_json()),
                events: vec![events::product_changed(events::PRODUCT_CREATED, &product)],
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(product)
    }

    /// Changes a product; with `expected_version`, refuses if someone changed it since.
    pub async fn update(
        &self,
        origin: &Origin,
        id: Uuid,
        changes: ProductChanges,
        expected_version: Option<i32>,
    ) -> Result<Product, ProductError> {
        let mut transaction = self.pool.begin().await?;
        let before = repo::product_for_update(&mut transaction, id)
            .await?
            .ok_or(ProductError::ProductNotFound)?;
        if let Some(expected) = expected_version
            && expected != before.version
        {
            return Err(ProductError::StaleVersion {
                current: before.version,
            });
        }
        let draft = changes.apply(before.clone())?;
        self.check_category(&mut transaction, draft.category_id)
            .await?;
        let product = repo::update_product(&mut transaction, &draft)
            .await
            .map_err(on_unique_violation)?;
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "updateProduct",
                entity_type: "Product",
                entity_id: id.to_string(),
                before: Some(before.to_json()),
                after: Some(product.to_json()),
                events: vec![events::product_changed(events::PRODUCT_UPDATED, &product)],
            },
        )
        .await?;
        transaction.commit().await?;
        self.cache.invalidate(id).await;
        Ok(product)
    }

    /// Archives a product (nothing with history is deleted). Archiving an archived product changes nothing.
    pub async fn archive(&self, origin: &Origin, id: Uuid) -> Result<Product, ProductError> {
        let mut transaction = self.pool.begin().await?;
        let before = repo::product_for_update(&mut transaction, id)
            .await?
            .ok_or(ProductError::ProductNotFound)?;
        if !before.is_active {
            return Ok(before);
        }
        let product = repo::update_product(
            &mut transaction,
            &Product {
                is_active: false,
                ..before.clone()
            },
        )
        .await?;
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "archiveProduct",
                entity_type: "Product",
                entity_id: id.to_string(),
                before: Some(before.to_json()),
                after: Some(product.to_json()),
                events: vec![events::product_changed(events::PRODUCT_ARCHIVED, &product)],
            },
        )
        .await?;
        transaction.commit().await?;
        self.cache.invalidate(id).await;
        Ok(product)
    }

    /// One product, from the cache when possible.
    pub async fn get(&self, id: Uuid) -> Result<Option<Product>, ProductError> {
        if let Some(product) = self.cache.get(id).await {
            return Ok(Some(product));
        }
        let product = self.by_ids(&[id]).await?.into_iter().next();
        if let Some(product) = &product {
            self.cache.put(product).await;
        }
        Ok(product)
    }

    /// Products by id (for loaders).
    pub async fn by_ids(&self, ids: &[Uuid]) -> Result<Vec<Product>, ProductError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::products_by_ids(&mut connection, ids).await?)
    }

    /// The product with this SKU.
    pub async fn by_sku(&self, sku: &str) -> Result<Option<Product>, ProductError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::product_by_sku(&mut connection, sku.trim()).await?)
    }

    /// One page of products.
    pub async fn search(
        &self,
        search: &ProductSearch,
        sort: ProductSort,
        after: Option<&ProductCursor>,
        limit: i64,
    ) -> Result<Vec<Product>, ProductError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::search_products(&mut connection, search, sort, after, limit).await?)
    }

    /// Every category.
    pub async fn categories(&self) -> Result<Vec<Category>, ProductError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::all_categories(&mut connection).await?)
    }

    /// Categories by id (for loaders).
    pub async fn categories_by_ids(&self, ids: &[Uuid]) -> Result<Vec<Category>, ProductError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::categories_by_ids(&mut connection, ids).await?)
    }

    /// Children of categories (for loaders).
    pub async fn categories_by_parent_ids(
        &self,
        ids: &[Uuid],
    ) -> Result<Vec<Category>, ProductError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::categories_by_parent_ids(&mut connection, ids).await?)
    }

    /// Creates a category under `parent_id` (or at the top).
    pub async fn create_category(
        &self,
        origin: &Origin,
        parent_id: Option<Uuid>,
        name_th: &str,
        name_en: Option<&str>,
    ) -> Result<Category, ProductError> {
        check_category_names(Some(name_th), name_en)?;
        let mut transaction = self.pool.begin().await?;
        self.check_category(&mut transaction, parent_id).await?;
        let category = repo::insert_category(
            &mut transaction,
            parent_id,
            name_th.trim(),
            name_en.map(str::trim),
        )
        .await
        .map_err(on_unique_violation)?;
        self.record_category(&mut transaction, origin, "createCategory", None, &category)
            .await?;
        transaction.commit().await?;
        Ok(category)
    }

    /// Renames a category and/or moves it under another parent (`Some(None)` moves it to the top).
    pub async fn update_category(
        &self,
        origin: &Origin,
        id: Uuid,
        name_th: Option<&str>,
        name_en: Edit<&str>,
        parent_id: Edit<Uuid>,
    ) -> Result<Category, ProductError> {
        let mut transaction = self.pool.begin().await?;
        let before = repo::category_for_update(&mut transaction, id)
            .await?
            .ok_or(ProductError::CategoryNotFound)?;
        check_category_names(name_th, name_en.flatten())?;
        let mut draft = before.clone();
        if let Some(name_th) = name_th {
            draft.name_th = name_th.trim().to_owned();
        }
        if let Some(name_en) = name_en {
            draft.name_en = name_en.map(|name| name.trim().to_owned());
        }
        if let Some(parent_id) = parent_id {
            if let Some(new_parent) = parent_id {
                self.check_category(&mut transaction, Some(new_parent))
                    .await?;
                if repo::is_in_subtree(&mut transaction, id, new_parent).await? {
                    return Err(ProductError::CategoryCycle);
                }
            }
            draft.parent_id = parent_id;
        }
        let category = repo::update_category(&mut transaction, &draft)
            .await
            .map_err(on_unique_violation)?;
        self.record_category(
            &mut transaction,
            origin,
            "updateCategory",
            Some(&before),
            &category,
        )
        .await?;
        transaction.commit().await?;
        Ok(category)
    }

    async fn record_category(
        &self,
        connection: &mut sqlx::PgConnection,
        origin: &Origin,
        action: &'static str,
        before: Option<&Category>,
        after: &Category,
    ) -> Result<(), ProductError> {
        audit::record(
            connection,
            origin,
            Change {
                action,
                entity_type: "Category",
                entity_id: after.id.to_string(),
                before: before.map(Category::to_json),
                after: Some(after.to_json()),
                events: vec![events::category_changed(after)],
            },
        )
        .await?;
        Ok(())
    }

    async fn check_category(
        &self,
        connection: &mut sqlx::PgConnection,
        category_id: Option<Uuid>,
    ) -> Result<(), ProductError> {
        if let Some(id) = category_id
            && repo::categories_by_ids(connection, &[id]).await?.is_empty()
        {
            return Err(ProductError::CategoryNotFound);
        }
        Ok(())
    }
}

/// Category names are 1–120 characters after trimming.
fn check_category_names(name_th: Option<&str>, name_en: Option<&str>) -> Result<(), ProductError> {
    for (path, name) in [("input.nameTh", name_th), ("input.nameEn", name_en)] {
        if name.is_some_and(|name| !(1..=120).contains(&name.trim().chars().count())) {
            return Err(ProductError::BadInput(
                path,
                "must be 1 to 120 characters".into(),
            ));
        }
    }
    Ok(())
}

fn empty_product() -> Product {
    let now = chrono::Utc::now();
    Product {
        id: Uuid::nil(),
        sku: String::new(),
        barcode: None,
        name_th: String::new(),
        name_en: None,
        description_th: None,
        description_en: None,
        category_id: None,
        unit: String::new(),
        price: Decimal::ZERO,
        cost: Decimal::ZERO,
        weight_grams: None,
        length_mm: None,
        width_mm: None,
        height_mm: None,
        is_active: true,
        version: 0,
        created_at: now,
        updated_at: now,
    }
}

/// Drops cached products that another instance changed, as their events arrive.
pub async fn follow_product_changes(
    hub: crate::platform::bus::LiveHub,
    cache: ProductCache,
    shutdown: tokio_util::sync::CancellationToken,
) {
    hub.follow(shutdown, |event| {
        let cache = cache.clone();
        async move {
            if events::invalidates_product(&event.event_type)
                && let Ok(id) = event.subject.parse()
            {
                cache.invalidate(id).await;
            }
        }
    })
    .await;
}
