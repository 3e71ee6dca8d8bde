/** Transfers between warehouses: the list, sending one, and receiving (part of) one. */
import { graphql } from "@/gql";

/** Transfers, newest first, with their lines. */
export const TransfersQuery = graphql(`
  query Transfers($status: TransferStatus, $warehouseId: UUID, $first: Int, $after: String) {
    transfers(status: $status, warehouseId: $warehouseId, first: $first, after: $after) {
      nodes {
        id
        status
        note
        createdAt
        updatedAt
        fromWarehouse {
          id
          code
          nameTh
          nameEn
        }
        toWarehouse {
          id
          code
          nameTh
          nameEn
        }
        lines {
          productId
          quantitySent
          quantityReceived
          quantityOutstanding
          product {
            id
            sku
            nameTh
            nameEn
            unit
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Sends stock to another warehouse. */
export const TransferStockMutation = graphql(`
  mutation TransferStock($input: TransferStockInput!) {
    transferStock(input: $input) {
      id
      status
    }
  }
`);

/** Receives what arrived; the transfer's status and lines update in place. */
export const ReceiveTransferMutation = graphql(`
  mutation ReceiveTransfer($input: ReceiveTransferInput!) {
    receiveTransfer(input: $input) {
      id
      status
      updatedAt
      lines {
        productId
        quantitySent
        quantityReceived
        quantityOutstanding
      }
    }
  }
`);
