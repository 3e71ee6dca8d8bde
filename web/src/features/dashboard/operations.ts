/** The dashboard's figures and the live signal that makes it refetch. */
import { graphql } from "@/gql";

/** Figures, the 30-day chart and the low-stock list, for one warehouse or all. */
export const DashboardQuery = graphql(`
  query Dashboard($warehouseId: UUID) {
    inventoryDashboard(warehouseId: $warehouseId) {
      warehouseId
      stockValue
      lowStockCount
      movementsToday
      dailyMovements(days: 30) {
        day
        inbound
        outbound
        movements
      }
    }
    stockLevels(filter: { belowReorderPoint: true, warehouseId: $warehouseId }, first: 10) {
      nodes {
        productId
        warehouseId
        available
        reorderPoint
        reorderQuantity
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
    }
  }
`);

/** Any stock movement (in the chosen warehouse): the dashboard refetches when one arrives. */
export const DashboardStockChangedSubscription = graphql(`
  subscription DashboardStockChanged($warehouseId: UUID) {
    stockChanged(warehouseId: $warehouseId) {
      eventId
    }
  }
`);
