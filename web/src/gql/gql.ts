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
    "\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        occurredAt\n        action\n        entityType\n        entityId\n        before\n        after\n        outcome\n        errorCode\n        ip\n        requestId\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query StockLevels($filter: StockLevelFilter, $first: Int, $after: String) {\n    stockLevels(filter: $filter, first: $first, after: $after) {\n      nodes {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        reorderPoint\n        belowReorderPoint\n        updatedAt\n        product {\n          id\n          sku\n          nameTh\n          nameEn\n          unit\n        }\n        warehouse {\n          id\n          code\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.StockLevelsDocument,
    "\n  query ProductPicker($search: String) {\n    products(filter: { search: $search, active: true }, sort: NAME, first: 20) {\n      nodes {\n        id\n        sku\n        nameTh\n        nameEn\n        unit\n      }\n    }\n  }\n": typeof types.ProductPickerDocument,
    "\n  mutation ReceiveStock($input: MoveStockInput!) {\n    receiveStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n": typeof types.ReceiveStockDocument,
    "\n  mutation IssueStock($input: MoveStockInput!) {\n    issueStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n": typeof types.IssueStockDocument,
    "\n  mutation AdjustStock($input: AdjustStockInput!) {\n    adjustStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n": typeof types.AdjustStockDocument,
    "\n  query Warehouses {\n    warehouses {\n      id\n      code\n      nameTh\n      nameEn\n      isActive\n    }\n  }\n": typeof types.WarehousesDocument,
    "\n  query Products($filter: ProductFilter, $sort: ProductSort!, $first: Int, $after: String) {\n    products(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        id\n        sku\n        nameTh\n        nameEn\n        unit\n        price\n        isActive\n        totalAvailable\n        category {\n          id\n          nameTh\n          nameEn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ProductsDocument,
    "\n  query Categories {\n    categories {\n      id\n      parentId\n      nameTh\n      nameEn\n    }\n  }\n": typeof types.CategoriesDocument,
    "\n  fragment ProductFormFields on Product {\n    id\n    sku\n    barcode\n    nameTh\n    nameEn\n    descriptionTh\n    descriptionEn\n    categoryId\n    unit\n    price\n    cost\n    weightGrams\n    lengthMm\n    widthMm\n    heightMm\n    version\n  }\n": typeof types.ProductFormFieldsFragmentDoc,
    "\n  query Product($id: UUID!) {\n    product(id: $id) {\n      id\n      sku\n      barcode\n      nameTh\n      nameEn\n      descriptionTh\n      descriptionEn\n      unit\n      price\n      cost\n      isActive\n      version\n      updatedAt\n      totalAvailable\n      category {\n        id\n        nameTh\n        nameEn\n      }\n      stockLevels {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        reorderPoint\n        belowReorderPoint\n        warehouse {\n          id\n          code\n          nameTh\n          nameEn\n        }\n      }\n      ...ProductFormFields\n    }\n  }\n": typeof types.ProductDocument,
    "\n  query ProductMovements($productId: UUID!, $first: Int, $after: String) {\n    stockMovements(filter: { productId: $productId }, first: $first, after: $after) {\n      nodes {\n        id\n        movementType\n        quantity\n        onHandDelta\n        onHandAfter\n        reason\n        note\n        occurredAt\n        warehouse {\n          id\n          code\n        }\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ProductMovementsDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      ...ProductFormFields\n    }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation UpdateProduct($input: UpdateProductInput!) {\n    updateProduct(input: $input) {\n      id\n      updatedAt\n      ...ProductFormFields\n    }\n  }\n": typeof types.UpdateProductDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      ip\n      userAgent\n      current\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      id\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation RevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      sessionsEnded\n    }\n  }\n": typeof types.RevokeSessionDocument,
    "\n  query Users($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        email\n        displayName\n        isActive\n        roles\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      displayName\n      isActive\n      roles\n      createdAt\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation AssignRoles($input: AssignRolesInput!) {\n    assignRoles(input: $input) {\n      id\n      roles\n      permissions\n    }\n  }\n": typeof types.AssignRolesDocument,
    "\n  mutation DeactivateUser($input: DeactivateUserInput!) {\n    deactivateUser(input: $input) {\n      id\n      isActive\n    }\n  }\n": typeof types.DeactivateUserDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      displayName\n      roles\n      permissions\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation RenewSocketAuth($input: RenewSocketAuthInput!) {\n    renewSocketAuth(input: $input) {\n      expiresAt\n    }\n  }\n": typeof types.RenewSocketAuthDocument,
};
const documents: Documents = {
    "\n  query Dashboard($warehouseId: UUID) {\n    inventoryDashboard(warehouseId: $warehouseId) {\n      warehouseId\n      stockValue\n      lowStockCount\n      movementsToday\n      dailyMovements(days: 30) {\n        day\n        inbound\n        outbound\n        movements\n      }\n    }\n    stockLevels(filter: { belowReorderPoint: true, warehouseId: $warehouseId }, first: 10) {\n      nodes {\n        productId\n        warehouseId\n        available\n        reorderPoint\n        reorderQuantity\n        product {\n          id\n          sku\n          nameTh\n          nameEn\n          unit\n        }\n        warehouse {\n          id\n          code\n        }\n      }\n    }\n  }\n": types.DashboardDocument,
    "\n  subscription DashboardStockChanged($warehouseId: UUID) {\n    stockChanged(warehouseId: $warehouseId) {\n      eventId\n    }\n  }\n": types.DashboardStockChangedDocument,
    "\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        occurredAt\n        action\n        entityType\n        entityId\n        before\n        after\n        outcome\n        errorCode\n        ip\n        requestId\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query StockLevels($filter: StockLevelFilter, $first: Int, $after: String) {\n    stockLevels(filter: $filter, first: $first, after: $after) {\n      nodes {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        reorderPoint\n        belowReorderPoint\n        updatedAt\n        product {\n          id\n          sku\n          nameTh\n          nameEn\n          unit\n        }\n        warehouse {\n          id\n          code\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.StockLevelsDocument,
    "\n  query ProductPicker($search: String) {\n    products(filter: { search: $search, active: true }, sort: NAME, first: 20) {\n      nodes {\n        id\n        sku\n        nameTh\n        nameEn\n        unit\n      }\n    }\n  }\n": types.ProductPickerDocument,
    "\n  mutation ReceiveStock($input: MoveStockInput!) {\n    receiveStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n": types.ReceiveStockDocument,
    "\n  mutation IssueStock($input: MoveStockInput!) {\n    issueStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n": types.IssueStockDocument,
    "\n  mutation AdjustStock($input: AdjustStockInput!) {\n    adjustStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n": types.AdjustStockDocument,
    "\n  query Warehouses {\n    warehouses {\n      id\n      code\n      nameTh\n      nameEn\n      isActive\n    }\n  }\n": types.WarehousesDocument,
    "\n  query Products($filter: ProductFilter, $sort: ProductSort!, $first: Int, $after: String) {\n    products(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        id\n        sku\n        nameTh\n        nameEn\n        unit\n        price\n        isActive\n        totalAvailable\n        category {\n          id\n          nameTh\n          nameEn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ProductsDocument,
    "\n  query Categories {\n    categories {\n      id\n      parentId\n      nameTh\n      nameEn\n    }\n  }\n": types.CategoriesDocument,
    "\n  fragment ProductFormFields on Product {\n    id\n    sku\n    barcode\n    nameTh\n    nameEn\n    descriptionTh\n    descriptionEn\n    categoryId\n    unit\n    price\n    cost\n    weightGrams\n    lengthMm\n    widthMm\n    heightMm\n    version\n  }\n": types.ProductFormFieldsFragmentDoc,
    "\n  query Product($id: UUID!) {\n    product(id: $id) {\n      id\n      sku\n      barcode\n      nameTh\n      nameEn\n      descriptionTh\n      descriptionEn\n      unit\n      price\n      cost\n      isActive\n      version\n      updatedAt\n      totalAvailable\n      category {\n        id\n        nameTh\n        nameEn\n      }\n      stockLevels {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        reorderPoint\n        belowReorderPoint\n        warehouse {\n          id\n          code\n          nameTh\n          nameEn\n        }\n      }\n      ...ProductFormFields\n    }\n  }\n": types.ProductDocument,
    "\n  query ProductMovements($productId: UUID!, $first: Int, $after: String) {\n    stockMovements(filter: { productId: $productId }, first: $first, after: $after) {\n      nodes {\n        id\n        movementType\n        quantity\n        onHandDelta\n        onHandAfter\n        reason\n        note\n        occurredAt\n        warehouse {\n          id\n          code\n        }\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ProductMovementsDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      ...ProductFormFields\n    }\n  }\n": types.CreateProductDocument,
    "\n  mutation UpdateProduct($input: UpdateProductInput!) {\n    updateProduct(input: $input) {\n      id\n      updatedAt\n      ...ProductFormFields\n    }\n  }\n": types.UpdateProductDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      ip\n      userAgent\n      current\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      id\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation RevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      sessionsEnded\n    }\n  }\n": types.RevokeSessionDocument,
    "\n  query Users($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        email\n        displayName\n        isActive\n        roles\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      displayName\n      isActive\n      roles\n      createdAt\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation AssignRoles($input: AssignRolesInput!) {\n    assignRoles(input: $input) {\n      id\n      roles\n      permissions\n    }\n  }\n": types.AssignRolesDocument,
    "\n  mutation DeactivateUser($input: DeactivateUserInput!) {\n    deactivateUser(input: $input) {\n      id\n      isActive\n    }\n  }\n": types.DeactivateUserDocument,
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
export function graphql(source: "\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        occurredAt\n        action\n        entityType\n        entityId\n        before\n        after\n        outcome\n        errorCode\n        ip\n        requestId\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        occurredAt\n        action\n        entityType\n        entityId\n        before\n        after\n        outcome\n        errorCode\n        ip\n        requestId\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StockLevels($filter: StockLevelFilter, $first: Int, $after: String) {\n    stockLevels(filter: $filter, first: $first, after: $after) {\n      nodes {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        reorderPoint\n        belowReorderPoint\n        updatedAt\n        product {\n          id\n          sku\n          nameTh\n          nameEn\n          unit\n        }\n        warehouse {\n          id\n          code\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query StockLevels($filter: StockLevelFilter, $first: Int, $after: String) {\n    stockLevels(filter: $filter, first: $first, after: $after) {\n      nodes {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        reorderPoint\n        belowReorderPoint\n        updatedAt\n        product {\n          id\n          sku\n          nameTh\n          nameEn\n          unit\n        }\n        warehouse {\n          id\n          code\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductPicker($search: String) {\n    products(filter: { search: $search, active: true }, sort: NAME, first: 20) {\n      nodes {\n        id\n        sku\n        nameTh\n        nameEn\n        unit\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductPicker($search: String) {\n    products(filter: { search: $search, active: true }, sort: NAME, first: 20) {\n      nodes {\n        id\n        sku\n        nameTh\n        nameEn\n        unit\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReceiveStock($input: MoveStockInput!) {\n    receiveStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReceiveStock($input: MoveStockInput!) {\n    receiveStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueStock($input: MoveStockInput!) {\n    issueStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IssueStock($input: MoveStockInput!) {\n    issueStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdjustStock($input: AdjustStockInput!) {\n    adjustStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdjustStock($input: AdjustStockInput!) {\n    adjustStock(input: $input) {\n      movement {\n        id\n        movementType\n        quantity\n      }\n      level {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        belowReorderPoint\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Warehouses {\n    warehouses {\n      id\n      code\n      nameTh\n      nameEn\n      isActive\n    }\n  }\n"): (typeof documents)["\n  query Warehouses {\n    warehouses {\n      id\n      code\n      nameTh\n      nameEn\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Products($filter: ProductFilter, $sort: ProductSort!, $first: Int, $after: String) {\n    products(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        id\n        sku\n        nameTh\n        nameEn\n        unit\n        price\n        isActive\n        totalAvailable\n        category {\n          id\n          nameTh\n          nameEn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Products($filter: ProductFilter, $sort: ProductSort!, $first: Int, $after: String) {\n    products(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        id\n        sku\n        nameTh\n        nameEn\n        unit\n        price\n        isActive\n        totalAvailable\n        category {\n          id\n          nameTh\n          nameEn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Categories {\n    categories {\n      id\n      parentId\n      nameTh\n      nameEn\n    }\n  }\n"): (typeof documents)["\n  query Categories {\n    categories {\n      id\n      parentId\n      nameTh\n      nameEn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductFormFields on Product {\n    id\n    sku\n    barcode\n    nameTh\n    nameEn\n    descriptionTh\n    descriptionEn\n    categoryId\n    unit\n    price\n    cost\n    weightGrams\n    lengthMm\n    widthMm\n    heightMm\n    version\n  }\n"): (typeof documents)["\n  fragment ProductFormFields on Product {\n    id\n    sku\n    barcode\n    nameTh\n    nameEn\n    descriptionTh\n    descriptionEn\n    categoryId\n    unit\n    price\n    cost\n    weightGrams\n    lengthMm\n    widthMm\n    heightMm\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Product($id: UUID!) {\n    product(id: $id) {\n      id\n      sku\n      barcode\n      nameTh\n      nameEn\n      descriptionTh\n      descriptionEn\n      unit\n      price\n      cost\n      isActive\n      version\n      updatedAt\n      totalAvailable\n      category {\n        id\n        nameTh\n        nameEn\n      }\n      stockLevels {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        reorderPoint\n        belowReorderPoint\n        warehouse {\n          id\n          code\n          nameTh\n          nameEn\n        }\n      }\n      ...ProductFormFields\n    }\n  }\n"): (typeof documents)["\n  query Product($id: UUID!) {\n    product(id: $id) {\n      id\n      sku\n      barcode\n      nameTh\n      nameEn\n      descriptionTh\n      descriptionEn\n      unit\n      price\n      cost\n      isActive\n      version\n      updatedAt\n      totalAvailable\n      category {\n        id\n        nameTh\n        nameEn\n      }\n      stockLevels {\n        productId\n        warehouseId\n        onHand\n        reserved\n        available\n        reorderPoint\n        belowReorderPoint\n        warehouse {\n          id\n          code\n          nameTh\n          nameEn\n        }\n      }\n      ...ProductFormFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductMovements($productId: UUID!, $first: Int, $after: String) {\n    stockMovements(filter: { productId: $productId }, first: $first, after: $after) {\n      nodes {\n        id\n        movementType\n        quantity\n        onHandDelta\n        onHandAfter\n        reason\n        note\n        occurredAt\n        warehouse {\n          id\n          code\n        }\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductMovements($productId: UUID!, $first: Int, $after: String) {\n    stockMovements(filter: { productId: $productId }, first: $first, after: $after) {\n      nodes {\n        id\n        movementType\n        quantity\n        onHandDelta\n        onHandAfter\n        reason\n        note\n        occurredAt\n        warehouse {\n          id\n          code\n        }\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      ...ProductFormFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      ...ProductFormFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($input: UpdateProductInput!) {\n    updateProduct(input: $input) {\n      id\n      updatedAt\n      ...ProductFormFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($input: UpdateProductInput!) {\n    updateProduct(input: $input) {\n      id\n      updatedAt\n      ...ProductFormFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      ip\n      userAgent\n      current\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      ip\n      userAgent\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      sessionsEnded\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      sessionsEnded\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        email\n        displayName\n        isActive\n        roles\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        email\n        displayName\n        isActive\n        roles\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      displayName\n      isActive\n      roles\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      displayName\n      isActive\n      roles\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignRoles($input: AssignRolesInput!) {\n    assignRoles(input: $input) {\n      id\n      roles\n      permissions\n    }\n  }\n"): (typeof documents)["\n  mutation AssignRoles($input: AssignRolesInput!) {\n    assignRoles(input: $input) {\n      id\n      roles\n      permissions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($input: DeactivateUserInput!) {\n    deactivateUser(input: $input) {\n      id\n      isActive\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($input: DeactivateUserInput!) {\n    deactivateUser(input: $input) {\n      id\n      isActive\n    }\n  }\n"];
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