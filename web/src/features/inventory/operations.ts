/** Stock levels and the stock movements the inventory screen makes. */
import { graphql } from "@/gql";

/** Stock levels by warehouse, then product. */
export const StockLevelsQuery = graphql(`
  query StockLevels($filter: StockLevelFilter, $first: Int, $after: String) {
    stockLevels(filter: $filter, first: $first, after: $after) {
      nodes {
        productId
        warehouseId
        onHand
        reserved
        available
        reorderPoint
        reorderQuantity
        belowReorderPoint
        updatedAt
        product {
          id
          sku
          nameTh
          nameEn
          unit
        }
        warehouse {
          id
          code
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Products matching a search, for pickers. */
export const ProductPickerQuery = graphql(`
  query ProductPicker($search: String) {
    products(filter: { search: $search, active: true }, sort: NAME, first: 20) {
      nodes {
        id
        sku
        nameTh
        nameEn
        unit
      }
    }
  }
`);

/** Goods arrived. */
export const ReceiveStockMutation = graphql(`
  mutation ReceiveStock($input: MoveStockInput!) {
    receiveStock(input: $input) {
      movement {
        id
        movementType
        quantity
      }
      level {
        productId
        warehouseId
        onHand
        reserved
        available
        belowReorderPoint
        updatedAt
      }
    }
  }
`);

/** Goods left. */
export const IssueStockMutation = graphql(`
  mutation IssueStock($input: MoveStockInput!) {
    issueStock(input: $input) {
      movement {
        id
        movementType
        quantity
      }
      level {
        productId
        warehouseId
        onHand
        reserved
        available
        belowReorderPoint
        updatedAt
      }
    }
  }
`);

/** A correction with a reason. */
export const AdjustStockMutation = graphql(`
  mutation AdjustStock($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      movement {
        id
        movementType
        quantity
      }
      level {
        productId
        warehouseId
        onHand
        reserved
        available
        belowReorderPoint
        updatedAt
      }
    }
  }
`);

/** The level of one product in one warehouse, if there is one yet (the reorder tab shows its settings). */
export const ReorderLevelQuery = graphql(`
  query ReorderLevel($productId: UUID!, $warehouseId: UUID!) {
    stockLevels(filter: { productId: $productId, warehouseId: $warehouseId }, first: 1) {
      nodes {
        productId
        warehouseId
        onHand
        reorderPoint
        reorderQuantity
      }
    }
  }
`);

/**
 * A level's reorder settings; the level updates in place by its key. The API creates the level (0 on hand) when
 * the product has none in that warehouse yet.
 */
export const SetReorderPointMutation = graphql(`
  mutation SetReorderPoint($input: SetReorderPointInput!) {
    setReorderPoint(input: $input) {
      productId
      warehouseId
      reorderPoint
      reorderQuantity
      belowReorderPoint
      updatedAt
    }
  }
`);
