//! Roles and the named permissions they carry. Every mutation and sensitive field names the permission it
//! needs; roles are a fixed, seeded set whose permissions live here, in one place.

use async_graphql::Enum;

/// A named capability checked before a guarded operation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum)]
pub enum Permission {
    /// See the user list and other users' details.
    #[graphql(name = "USER_READ")]
    UserRead,
    /// Create, update and deactivate users; assign roles; revoke others' sessions.
    #[graphql(name = "USER_MANAGE")]
    UserManage,
    /// Read the usage history.
    #[graphql(name = "AUDIT_READ")]
    AuditRead,
    /// Create and change products and categories.
    #[graphql(name = "PRODUCT_WRITE")]
    ProductWrite,
    /// Receive, issue, transfer and reserve stock.
    #[graphql(name = "STOCK_MOVE")]
    StockMove,
    /// Adjust stock and post cycle counts.
    #[graphql(name = "STOCK_ADJUST")]
    StockAdjust,
    /// Create and edit delivery orders.
    #[graphql(name = "SHIPMENT_MANAGE")]
    ShipmentManage,
    /// Dispatch shipments.
    #[graphql(name = "SHIPMENT_DISPATCH")]
    ShipmentDispatch,
    /// Generate and schedule reports.
    #[graphql(name = "REPORT_GENERATE")]
    ReportGenerate,
    /// Create, assign and close tasks.
    #[graphql(name = "TASK_MANAGE")]
    TaskManage,
    /// Register webhook subscribers.
    #[graphql(name = "WEBHOOK_MANAGE")]
    WebhookManage,
}

impl Permission {
    /// Every permission, in declaration order.
    pub const ALL: [Permission; 11] = [
        Self::UserRead,
        Self::UserManage,
        Self::AuditRead,
        Self::ProductWrite,
        Self::StockMove,
        Self::StockAdjust,
        Self::ShipmentManage,
        Self::ShipmentDispatch,
        Self::ReportGenerate,
        Self::TaskManage,
        Self::WebhookManage,
    ];

    /// The permission's stable name, e.g. `user:manage`.
    pub fn name(self) -> &'static str {
        match self {
            Self::UserRead => "user:read",
            Self::UserManage => "user:manage",
            Self::AuditRead => "audit:read",
            Self::ProductWrite => "product:write",
            Self::StockMove => "stock:move",
            Self::StockAdjust => "stock:adjust",
            Self::ShipmentManage => "shipment:manage",
            Self::ShipmentDispatch => "shipment:dispatch",
            Self::ReportGenerate => "report:generate",
            Self::TaskManage => "task:manage",
            Self::WebhookManage => "webhook:manage",
        }
    }
}

/// The seeded roles. Their codes match the `roles` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Everything.
    Admin,
    /// Runs the operation: everything but user administration and webhooks.
    Manager,
    /// Moves stock and works tasks.
    WarehouseStaff,
    /// Manages and dispatches shipments and works tasks.
    Dispatcher,
    /// Reads what every signed-in user may read.
    Viewer,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 5] = [
        Self::Admin,
        Self::Manager,
        Self::WarehouseStaff,
        Self::Dispatcher,
        Self::Viewer,
    ];

    /// The role's code as stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "ADMIN",
            Self::Manager => "MANAGER",
            Self::WarehouseStaff => "WAREHOUSE_STAFF",
            Self::Dispatcher => "DISPATCHER",
            Self::Viewer => "VIEWER",
        }
    }

    /// Parses a stored role code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.code() == code)
    }

    /// The role's Thai name.
    pub fn name_th(self) -> &'static str {
        match self {
            Self::Admin => "ผู้ดูแลระบบ",
            Self::Manager => "ผู้จัดการ",
            Self::WarehouseStaff => "พนักงานคลังสินค้า",
            Self::Dispatcher => "เจ้าหน้าที่จัดส่ง",
            Self::Viewer => "ผู้ดูข้อมูล",
        }
    }

    /// The role's English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Admin => "Administrator",
            Self::Manager => "Manager",
            Self::WarehouseStaff => "Warehouse staff",
            Self::Dispatcher => "Dispatcher",
            Self::Viewer => "Viewer",
        }
    }

    /// The permissions this role grants.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Self::Admin => &Permission::ALL,
            Self::Manager => &[
                UserRead,
                AuditRead,
                ProductWrite,
                StockMove,
                StockAdjust,
                ShipmentManage,
                ShipmentDispatch,
                ReportGenerate,
                TaskManage,
            ],
            Self::WarehouseStaff => &[StockMove, TaskManage],
            Self::Dispatcher => &[ShipmentManage, ShipmentDispatch, TaskManage],
            Self::Viewer => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("ROOT"), None);
    }

    #[test]
    fn only_admin_manages_users() {
        for role in Role::ALL {
            let manages = role.permissions().contains(&Permission::UserManage);
            assert_eq!(manages, role == Role::Admin, "{role:?}");
        }
    }

    #[test]
    fn permission_names_are_unique() {
        let mut names: Vec<_> = Permission::ALL.iter().map(|p| p.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Permission::ALL.len());
    }
}
