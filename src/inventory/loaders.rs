//! Batched reads of warehouses and stock levels, for nested fields.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use uuid::Uuid;

use super::{
    model::{StockLevel, Warehouse, WarehouseBin},
    service::InventoryService,
};
use crate::graphql::error::ApiError;

/// Loads warehouses by id in one query per batch.
pub struct WarehouseByIdLoader(pub InventoryService);

impl Loader<Uuid> for WarehouseByIdLoader {
    type Value = Warehouse;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Warehouse>, ApiError> {
        let warehouses = self.0.warehouses_by_ids(keys).await?;
        Ok(warehouses
            .into_iter()
            .map(|warehouse| (warehouse.id, warehouse))
            .collect())
    }
}

/// Loads every warehouse's level of products, by product id, in one query per batch.
pub struct StockLevelsByProductLoader(pub InventoryService);

impl Loader<Uuid> for StockLevelsByProductLoader {
    type Value = Vec<StockLevel>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<StockLevel>>, ApiError> {
        let mut levels: HashMap<Uuid, Vec<StockLevel>> =
            keys.iter().map(|key| (*key, Vec::new())).collect();
        for level in self.0.levels_by_product_ids(keys).await? {
            levels.entry(level.product_id).or_default().push(level);
        }
        Ok(levels)
    }
}

/// Loads the bins of warehouses, by warehouse id, in one query per batch.
pub struct BinsByWarehouseLoader(pub InventoryService);

impl Loader<Uuid> for BinsByWarehouseLoader {
    type Value = Vec<WarehouseBin>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<WarehouseBin>>, ApiError> {
        let mut bins: HashMap<Uuid, Vec<WarehouseBin>> =
            keys.iter().map(|key| (*key, Vec::new())).collect();
        for bin in self.0.bins_of_warehouses(keys).await? {
            bins.entry(bin.warehouse_id).or_default().push(bin);
        }
        Ok(bins)
    }
}

/// Loads bins by id in one query per batch.
pub struct BinByIdLoader(pub InventoryService);

impl Loader<Uuid> for BinByIdLoader {
    type Value = WarehouseBin;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, WarehouseBin>, ApiError> {
        let bins = self.0.bins_by_ids(keys).await?;
        Ok(bins.into_iter().map(|bin| (bin.id, bin)).collect())
    }
}
