//! Bins: named places inside a warehouse, and the home bin of each product there.

use serde_json::json;
use uuid::Uuid;

use super::{InventoryService, Recorded, check_product, check_warehouse, record_change, unique_or};
use crate::{
    audit::{self, Change, Origin},
    inventory::{
        error::InventoryError,
        events,
        model::{MovementType, StockLevel, WarehouseBin},
        repo::{self as levels, bins as repo},
    },
};

impl InventoryService {
    /// Creates a bin in an active warehouse.
    pub async fn create_bin(
        &self,
        origin: &Origin,
        draft: WarehouseBin,
    ) -> Result<WarehouseBin, InventoryError> {
        let mut transaction = self.pool.begin().await?;
        check_warehouse(&mut transaction, draft.warehouse_id).await?;
        let bin = unique_or(
            repo::insert_bin(&mut transaction, &draft).await,
            InventoryError::BinCodeTaken,
        )?;
        record_change(&mut transaction, origin, "createBin", None, &bin).await?;
        transaction.commit().await?;
        Ok(bin)
    }

    /// Changes a bin through `edit`. A bin that is still the home of a product cannot be deactivated.
    pub async fn update_bin(
        &self,
        origin: &Origin,
        id: Uuid,
        edit: impl FnOnce(&mut WarehouseBin),
    ) -> Result<WarehouseBin, InventoryError> {
        let mut transaction = self.pool.begin().await?;
        let before = repo::bin_for_update(&mut transaction, id)
            .await?
            .ok_or(InventoryError::BinNotFound)?;
        let mut draft = before.clone();
        edit(&mut draft);
        if before.is_active && !draft.is_active {
            let homed = repo::levels_in_bin(&mut transaction, id).await?;
            if homed > 0 {
                return Err(InventoryError::BinInUse(homed));
            }
        }
        let bin = repo::update_bin(&mut transaction, &draft).await?;
        record_change(&mut transaction, origin, "updateBin", Some(&before), &bin).await?;
        transaction.commit().await?;
        Ok(bin)
    }

    /// Names the home bin of a product in a warehouse (`None` clears it), creating the level if needed.
    pub async fn assign_bin(
        &self,
        origin: &Origin,
        product_id: Uuid,
        warehouse_id: Uuid,
        bin_id: Option<Uuid>,
    ) -> Result<StockLevel, InventoryError> {
        let mut transaction = self.pool.begin().await?;
        check_warehouse(&mut transaction, warehouse_id).await?;
        check_product(&mut transaction, product_id, MovementType::Adjust).await?;
        if let Some(bin_id) = bin_id {
            let bin = repo::bin_for_update(&mut transaction, bin_id)
                .await?
                .ok_or(InventoryError::BinNotFound)?;
            if bin.warehouse_id != warehouse_id {
                return Err(InventoryError::BadInput(
                    "input.binId",
                    "is a bin of another warehouse".into(),
                ));
            }
            if !bin.is_active {
                return Err(InventoryError::Inactive("the bin is inactive"));
            }
        }
        let before = levels::level(&mut transaction, product_id, warehouse_id).await?;
        let level = repo::assign_bin(&mut transaction, product_id, warehouse_id, bin_id).await?;
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "assignBin",
                entity_type: "StockLevel",
                entity_id: events::level_subject(&level),
                before: before.map(|level| json!({ "binId": level.bin_id })),
                after: Some(json!({ "binId": level.bin_id })),
                events: Vec::new(),
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(level)
    }

    /// Bins of the given warehouses (for loaders).
    pub async fn bins_of_warehouses(
        &self,
        warehouse_ids: &[Uuid],
    ) -> Result<Vec<WarehouseBin>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::bins_of_warehouses(&mut connection, warehouse_ids).await?)
    }

    /// Bins by id (for loaders).
    pub async fn bins_by_ids(&self, ids: &[Uuid]) -> Result<Vec<WarehouseBin>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::bins_by_ids(&mut connection, ids).await?)
    }
}

impl Recorded for WarehouseBin {
    const ENTITY_TYPE: &'static str = "WarehouseBin";
    const EVENT_TYPE: &'static str = events::BIN_CHANGED;
    fn id(&self) -> Uuid {
        self.id
    }
}
