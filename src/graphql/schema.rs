//! The one schema, merged from every domain's Query, Mutation and Subscription objects.

use std::sync::Arc;

use async_graphql::{MergedObject, MergedSubscription, Schema};

use super::{
    budget::CostBudget,
    error::ErrorCode,
    error_codes::DefaultErrorCodes,
    limits::DocumentLimits,
    observability::OperationMetrics,
    persisted::{PersistedDocuments, PersistedDocumentsExtension},
};
use crate::{
    audit::{AuditFailures, graphql::AuditQuery},
    config::GraphqlLimits,
    inventory::graphql::{
        BinMutation, DashboardQuery, DocumentMutation, DocumentQuery, InventorySubscription,
        StockMutation, StockQuery, WarehouseMutation, WarehouseQuery,
    },
    products::graphql::{
        CategoryMutation, CategoryQuery, ProductImageMutation, ProductMutation, ProductQuery,
    },
    state::AppState,
    users::graphql::{
        AuthMutation, AuthQuery, UserAdminMutation, UserAdminQuery, UserSubscription,
    },
    webhooks::graphql::{WebhookMutation, WebhookQuery},
};

/// Every query.
#[derive(MergedObject, Default)]
pub struct Query(
    AuthQuery,
    UserAdminQuery,
    AuditQuery,
    ProductQuery,
    CategoryQuery,
    WarehouseQuery,
    StockQuery,
    DocumentQuery,
    DashboardQuery,
    WebhookQuery,
);

/// Every mutation.
#[derive(MergedObject, Default)]
pub struct Mutation(
    AuthMutation,
    UserAdminMutation,
    ProductMutation,
    ProductImageMutation,
    CategoryMutation,
    WarehouseMutation,
    BinMutation,
    StockMutation,
    DocumentMutation,
    WebhookMutation,
);

/// Every subscription.
#[derive(MergedSubscription, Default)]
pub struct Subscription(UserSubscription, InventorySubscription);

/// The Klang schema type.
pub type KlangSchema = Schema<Query, Mutation, Subscription>;

/// Builds the schema with its limits and extensions; `state` is absent only when exporting the SDL.
pub fn build(
    state: Option<AppState>,
    limits: &GraphqlLimits,
    documents: Arc<PersistedDocuments>,
    development: bool,
) -> KlangSchema {
    let mut builder = Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .register_output_type::<ErrorCode>()
    .limit_depth(limits.max_depth)
    .limit_complexity(limits.max_complexity)
    .limit_recursive_depth(32)
    .extension(PersistedDocumentsExtension(documents))
    .extension(DocumentLimits {
        max_aliases: limits.max_aliases,
        max_root_fields: limits.max_root_fields,
        max_selections: limits.max_selections,
    })
    .extension(OperationMetrics::default())
    .extension(AuditFailures)
    .extension(DefaultErrorCodes);
    if !development {
        builder = builder.disable_introspection().disable_suggestions();
    }
    if let Some(state) = state {
        builder = builder
            .extension(CostBudget::new(
                &state.kv,
                limits.cost_budget_per_user,
                limits.cost_budget_per_address,
            ))
            .data(state);
    }
    builder.finish()
}

/// The schema in SDL, as committed in `schema/schema.graphql`.
pub fn sdl(limits: &GraphqlLimits) -> String {
    build(None, limits, Arc::default(), true).sdl()
}
