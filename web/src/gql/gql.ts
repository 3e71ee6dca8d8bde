/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Dashboard($warehouseId: UUID) {\n    inventoryDashboard(warehouseId: $warehouseId) {\n      warehouseId\n      stockValue\n      lowStockCount\n      movementsToday\n      dailyMovements(days: 30) {\n        day\n        inbound\n        outbound\n        movements\n      }\n    }\n    stockLevels(filter: { belowReorderPoint: true, warehouseId: $warehouseId }, first: 10) {\n      nodes {\n        productId\n        warehouseId\n        available\n        reorderPoint\n        reorderQuantity\n        product {\n          id\n          sku\n          nameTh\n          nameEn\n          unit\n        }\n        warehouse {\n          id\n          code\n        }\n      }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  subscription DashboardStockChanged($warehouseId: UUID) {\n    stockChanged(warehouseId: $warehouseId) {\n      eventId\n    }\n  }\n": typeof types.DashboardStockChangedDocument,
    "\n  query Warehouses {\n    warehouses {\n      id\n      code\n      nameTh\n      nameEn\n      isActive\n    }\n  }\n": typeof types.WarehousesDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      displayName\n      roles\n      permissions\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation RenewSocketAuth($input: RenewSocketAuthInput!) {\n    renewSocketAuth(input: $input) {\n      expiresAt\n    }\n  }\n": typeof types.RenewSocketAuthDocument,
};
const documents: Documents = {
    "\n  query Dashboard($warehouseId: UUID) {\n    inventoryDashboard(warehouseId: $warehouseId) {\n      warehouseId\n      stockValue\n      lowStockCount\n      movementsToday\n      dailyMovements(days: 30) {\n        day\n        inbound\n        outbound\n        movements\n      }\n    }\n    stockLevels(filter: { belowReorderPoint: true, warehouseId: $warehouseId }, first: 10) {\n      nodes {\n        productId\n        warehouseId\n        available\n        reorderPoint\n        reorderQuantity\n        product {\n          id\n          sku\n          nameTh\n          nameEn\n          unit\n        }\n        warehouse {\n          id\n          code\n        }\n      }\n    }\n  }\n": types.DashboardDocument,
    "\n  subscription DashboardStockChanged($warehouseId: UUID) {\n    stockChanged(warehouseId: $warehouseId) {\n      eventId\n    }\n  }\n": types.DashboardStockChangedDocument,
    "\n  query Warehouses {\n    warehouses {\n      id\n      code\n      nameTh\n      nameEn\n      isActive\n    }\n  }\n": types.WarehousesDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n": types.SignInDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      displayName\n      roles\n      permissions\n    }\n  }\n": types.MeDocument,
    "\n  mutation RenewSocketAuth($input: RenewSocketAuthInput!) {\n    renewSocketAuth(input: $input) {\n      expiresAt\n    }\n  }\n": types.RenewSocketAuthDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($warehouseId: UUID) {\n    inventoryDashboard(warehouseId: $warehouseId) {\n      warehouseId\n      stockValue\n      lowStockCount\n      movementsToday\n      dailyMovements(days: 30) {\n        day\n        inbound\n        outbound\n        movements\n      }\n    }\n    stockLevels(filter: { belowReorderPoint: true, warehouseId: $warehouseId }, first: 10) {\n      nodes {\n        productId\n        warehouseId\n        available\n        reorderPoint\n        reorderQuantity\n        product {\n          id\n          sku\n          nameTh\n          nameEn\n          unit\n        }\n        warehouse {\n          id\n          code\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($warehouseId: UUID) {\n    inventoryDashboard(warehouseId: $warehouseId) {\n      warehouseId\n      stockValue\n      lowStockCount\n      movementsToday\n      dailyMovements(days: 30) {\n        day\n        inbound\n        outbound\n        movements\n      }\n    }\n    stockLevels(filter: { belowReorderPoint: true, warehouseId: $warehouseId }, first: 10) {\n      nodes {\n        productId\n        warehouseId\n        available\n        reorderPoint\n        reorderQuantity\n        product {\n          id\n          sku\n          nameTh\n          nameEn\n          unit\n        }\n        warehouse {\n          id\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardStockChanged($warehouseId: UUID) {\n    stockChanged(warehouseId: $warehouseId) {\n      eventId\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardStockChanged($warehouseId: UUID) {\n    stockChanged(warehouseId: $warehouseId) {\n      eventId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Warehouses {\n    warehouses {\n      id\n      code\n      nameTh\n      nameEn\n      isActive\n    }\n  }\n"): (typeof documents)["\n  query Warehouses {\n    warehouses {\n      id\n      code\n      nameTh\n      nameEn\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      displayName\n      roles\n      permissions\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      email\n      displayName\n      roles\n      permissions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenewSocketAuth($input: RenewSocketAuthInput!) {\n    renewSocketAuth(input: $input) {\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation RenewSocketAuth($input: RenewSocketAuthInput!) {\n    renewSocketAuth(input: $input) {\n      expiresAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;