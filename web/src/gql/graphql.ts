/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A named capability checked before a guarded operation runs. */
export type Permission =
  /** Read the usage history. */
  | 'AUDIT_READ'
  /** Create and change products and categories. */
  | 'PRODUCT_WRITE'
  /** Generate and schedule reports. */
  | 'REPORT_GENERATE'
  /** Dispatch shipments. */
  | 'SHIPMENT_DISPATCH'
  /** Create and edit delivery orders. */
  | 'SHIPMENT_MANAGE'
  /** Adjust stock and post cycle counts. */
  | 'STOCK_ADJUST'
  /** Receive, issue, transfer and reserve stock. */
  | 'STOCK_MOVE'
  /** Create, assign and close tasks. */
  | 'TASK_MANAGE'
  /** Create, update and deactivate users; assign roles; revoke others' sessions. */
  | 'USER_MANAGE'
  /** See the user list and other users' details. */
  | 'USER_READ'
  /** Register webhook subscribers. */
  | 'WEBHOOK_MANAGE';

/** A fresh access token for an open WebSocket. */
export type RenewSocketAuthInput = {
  /** An access token of the same user and session. */
  accessToken: string;
};

/** The seeded roles. Their codes match the `roles` table. */
export type Role =
  /** Everything. */
  | 'ADMIN'
  /** Manages and dispatches shipments and works tasks. */
  | 'DISPATCHER'
  /** Runs the operation: everything but user administration and webhooks. */
  | 'MANAGER'
  /** Reads what every signed-in user may read. */
  | 'VIEWER'
  /** Moves stock and works tasks. */
  | 'WAREHOUSE_STAFF';

/** Credentials for `signIn`. */
export type SignInInput = {
  /** Sign-in email. */
  email: string;
  /** Password. */
  password: string;
};

export type DashboardQueryVariables = Exact<{
  warehouseId?: string | null | undefined;
}>;


export type DashboardQuery = { __typename: 'Query', inventoryDashboard: { __typename: 'InventoryDashboard', warehouseId: string | null, stockValue: string, lowStockCount: number, movementsToday: number, dailyMovements: Array<{ __typename: 'DailyMovement', day: string, inbound: number, outbound: number, movements: number }> }, stockLevels: { __typename: 'StockLevelConnection', nodes: Array<{ __typename: 'StockLevel', productId: string, warehouseId: string, available: number, reorderPoint: number, reorderQuantity: number, product: { __typename: 'Product', id: string, sku: string, nameTh: string, nameEn: string | null, unit: string } | null, warehouse: { __typename: 'Warehouse', id: string, code: string } | null }> } };

export type DashboardStockChangedSubscriptionVariables = Exact<{
  warehouseId?: string | null | undefined;
}>;


export type DashboardStockChangedSubscription = { stockChanged: { __typename: 'StockChange', eventId: string } };

export type WarehousesQueryVariables = Exact<{ [key: string]: never; }>;


export type WarehousesQuery = { __typename: 'Query', warehouses: Array<{ __typename: 'Warehouse', id: string, code: string, nameTh: string, nameEn: string | null, isActive: boolean }> };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { __typename: 'Mutation', signIn: { __typename: 'AuthPayload', accessToken: string, accessTokenExpiresAt: string } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename: 'Query', me: { __typename: 'User', id: string, email: string, displayName: string, roles: Array<Role>, permissions: Array<Permission> } };

export type RenewSocketAuthMutationVariables = Exact<{
  input: RenewSocketAuthInput;
}>;


export type RenewSocketAuthMutation = { __typename: 'Mutation', renewSocketAuth: { __typename: 'RenewSocketAuthPayload', expiresAt: string } };


export const DashboardDocument = {"__meta__":{"hash":"sha256:4152c58b14a6a3fdb818d97352a7b2114d2ed1af28644275887ee5fcd36dd03e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"warehouseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"inventoryDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"warehouseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"warehouseId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"warehouseId"}},{"kind":"Field","name":{"kind":"Name","value":"stockValue"}},{"kind":"Field","name":{"kind":"Name","value":"lowStockCount"}},{"kind":"Field","name":{"kind":"Name","value":"movementsToday"}},{"kind":"Field","name":{"kind":"Name","value":"dailyMovements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"inbound"}},{"kind":"Field","name":{"kind":"Name","value":"outbound"}},{"kind":"Field","name":{"kind":"Name","value":"movements"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockLevels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"belowReorderPoint"},"value":{"kind":"BooleanValue","value":true}},{"kind":"ObjectField","name":{"kind":"Name","value":"warehouseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"warehouseId"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"warehouseId"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"reorderPoint"}},{"kind":"Field","name":{"kind":"Name","value":"reorderQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"nameTh"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warehouse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const DashboardStockChangedDocument = {"__meta__":{"hash":"sha256:083b70dbb5d59f194c1cf3238fee895ed512f1931268390d3aee0af4537541f1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashboardStockChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"warehouseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stockChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"warehouseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"warehouseId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}}]}}]}}]} as unknown as DocumentNode<DashboardStockChangedSubscription, DashboardStockChangedSubscriptionVariables>;
export const WarehousesDocument = {"__meta__":{"hash":"sha256:7958217aa8e604ac9cef906e2779760c909e46bb6968db54388167d651c97696"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Warehouses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"warehouses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameTh"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}}]} as unknown as DocumentNode<WarehousesQuery, WarehousesQueryVariables>;
export const SignInDocument = {"__meta__":{"hash":"sha256:7f91aac384359aa1d5406d66a493cd04d824894fe872698052c049fb5061f92c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const MeDocument = {"__meta__":{"hash":"sha256:d5b2b414d00627c30f6d143f4c7b0d04d297fae17dd7529c04164876c1bd99e2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const RenewSocketAuthDocument = {"__meta__":{"hash":"sha256:2cff1d49f70a54ea38d60ffdd3b751f153a2c311aa9a8bad02e99eb992593b25"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenewSocketAuth"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RenewSocketAuthInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"renewSocketAuth"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<RenewSocketAuthMutation, RenewSocketAuthMutationVariables>;