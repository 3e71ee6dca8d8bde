/**
 * graphcache configuration: how entities without an `id` are keyed, and which lists a mutation makes stale.
 * Everything else (an edited product, a changed stock level) updates in place by `__typename:id`.
 */
import { cacheExchange, type Cache } from "@urql/exchange-graphcache";

/** Marks every cached page of `Query.<field>` stale, so visible lists refetch after a create. */
function invalidateQueryField(cache: Cache, field: string): void {
  for (const entry of cache.inspectFields("Query")) {
    if (entry.fieldName === field) {
      cache.invalidate("Query", entry.fieldKey);
    }
  }
}

const embedded = () => null;

/** The cache exchange of the web app. */
export function klangCacheExchange() {
  return cacheExchange({
    keys: {
      StockLevel: (level) => `${String(level.productId)}:${String(level.warehouseId)}`,
      RoleInfo: (role) => String(role.code),
      CountLine: embedded,
      TransferLine: embedded,
      StockChange: embedded,
      LowStockAlert: embedded,
      StockMovementPayload: embedded,
      ProductImageUpload: embedded,
      HttpHeader: embedded,
      AuthPayload: embedded,
      SignOutPayload: embedded,
      RenewSocketAuthPayload: embedded,
      InventoryDashboard: embedded,
      DailyMovement: embedded,
      PageInfo: embedded,
      UserEvent: embedded,
      ProductConnection: embedded,
      ProductEdge: embedded,
      StockLevelConnection: embedded,
      StockLevelEdge: embedded,
      StockMovementConnection: embedded,
      StockMovementEdge: embedded,
      TransferConnection: embedded,
      TransferEdge: embedded,
      StockCountConnection: embedded,
      StockCountEdge: embedded,
      UserConnection: embedded,
      UserEdge: embedded,
      AuditEntryConnection: embedded,
      AuditEntryEdge: embedded,
      CreateWebhookPayload: embedded,
      RotateWebhookSecretPayload: embedded,
      WebhookDeliveryConnection: embedded,
      WebhookDeliveryEdge: embedded,
    },
    updates: {
      Mutation: {
        createProduct: (_result, _args, cache) => invalidateQueryField(cache, "products"),
        archiveProduct: (_result, _args, cache) => invalidateQueryField(cache, "products"),
        createUser: (_result, _args, cache) => invalidateQueryField(cache, "users"),
        receiveStock: (_result, args, cache) => invalidateStock(cache, args),
        issueStock: (_result, args, cache) => invalidateStock(cache, args),
        adjustStock: (_result, args, cache) => invalidateStock(cache, args),
        transferStock: (_result, _args, cache) => {
          invalidateStock(cache);
          invalidateQueryField(cache, "transfers");
        },
        receiveTransfer: (_result, _args, cache) => {
          invalidateStock(cache);
          invalidateQueryField(cache, "transfers");
        },
        setReorderPoint: (_result, args, cache) => invalidateStock(cache, args),
        startStockCount: (_result, _args, cache) => invalidateQueryField(cache, "stockCounts"),
        completeStockCount: (_result, _args, cache) => {
          invalidateStock(cache);
          invalidateQueryField(cache, "stockCounts");
        },
        revokeSession: (_result, _args, cache) => invalidateQueryField(cache, "mySessions"),
        createWebhook: (_result, _args, cache) => invalidateQueryField(cache, "webhooks"),
        replayWebhookDelivery: (_result, _args, cache) => invalidateQueryField(cache, "webhookDeliveries"),
      },
    },
  });
}

/**
 * A movement or a reorder point can create a level, change the ledger and the dashboard figures, and the
 * product's own stock per warehouse (its detail screen) when the mutation names one product.
 */
function invalidateStock(cache: Cache, args?: Record<string, unknown>): void {
  for (const field of ["stockLevels", "stockMovements", "inventoryDashboard"]) {
    invalidateQueryField(cache, field);
  }
  const input = args?.input as { productId?: unknown } | undefined;
  if (typeof input?.productId === "string") {
    for (const field of ["stockLevels", "totalAvailable"]) {
      cache.invalidate({ __typename: "Product", id: input.productId }, field);
    }
  }
}
