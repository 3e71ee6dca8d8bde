/** Cycle counts: the list, one count with its lines, and the three steps of the flow. */
import { graphql } from "@/gql";

/** Counts, newest first. */
export const StockCountsQuery = graphql(`
  query StockCounts($warehouseId: UUID, $status: CountStatus, $first: Int, $after: String) {
    stockCounts(warehouseId: $warehouseId, status: $status, first: $first, after: $after) {
      nodes {
        id
        status
        note
        startedAt
        completedAt
        warehouse {
          id
          code
          nameTh
          nameEn
        }
        lines {
          productId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** One count with every line (expected quantity and variance once completed). */
export const StockCountQuery = graphql(`
  query StockCount($id: UUID!) {
    stockCount(id: $id) {
      id
      status
      note
      startedAt
      completedAt
      warehouse {
        id
        code
        nameTh
        nameEn
      }
      lines {
        productId
        countedQuantity
        expectedQuantity
        variance
        recordedAt
        product {
          id
          sku
          nameTh
          nameEn
          unit
        }
      }
    }
  }
`);

/** Opens a count of one warehouse. */
export const StartStockCountMutation = graphql(`
  mutation StartStockCount($input: StartStockCountInput!) {
    startStockCount(input: $input) {
      id
      status
    }
  }
`);

/** Records what was found of one product (again: replaces it). */
export const RecordCountLineMutation = graphql(`
  mutation RecordCountLine($input: RecordCountLineInput!) {
    recordCountLine(input: $input) {
      id
      status
      lines {
        productId
        countedQuantity
        expectedQuantity
        variance
        recordedAt
        product {
          id
          sku
          nameTh
          nameEn
          unit
        }
      }
    }
  }
`);

/** Completes a count, posting each variance as a movement. */
export const CompleteStockCountMutation = graphql(`
  mutation CompleteStockCount($input: CompleteStockCountInput!) {
    completeStockCount(input: $input) {
      id
      status
      completedAt
      lines {
        productId
        countedQuantity
        expectedQuantity
        variance
        recordedAt
        product {
          id
          sku
          nameTh
          nameEn
          unit
        }
      }
    }
  }
`);
