/** Product catalog operations: list, detail with stock and ledger, categories, create and update. */
import { graphql } from "@/gql";

/** One page of products, filtered and sorted. */
export const ProductsQuery = graphql(`
  query Products($filter: ProductFilter, $sort: ProductSort!, $first: Int, $after: String) {
    products(filter: $filter, sort: $sort, first: $first, after: $after) {
      nodes {
        id
        sku
        nameTh
        nameEn
        unit
        price
        isActive
        totalAvailable
        category {
          id
          nameTh
          nameEn
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Every category (for filters and the form). */
export const CategoriesQuery = graphql(`
  query Categories {
    categories {
      id
      parentId
      nameTh
      nameEn
    }
  }
`);

/** The fields the product form edits. */
export const ProductFormFieldsFragment = graphql(`
  fragment ProductFormFields on Product {
    id
    sku
    barcode
    nameTh
    nameEn
    descriptionTh
    descriptionEn
    categoryId
    unit
    price
    cost
    weightGrams
    lengthMm
    widthMm
    heightMm
    version
  }
`);

/** One product with its stock in each warehouse. */
export const ProductQuery = graphql(`
  query Product($id: UUID!) {
    product(id: $id) {
      id
      sku
      barcode
      nameTh
      nameEn
      descriptionTh
      descriptionEn
      unit
      price
      cost
      isActive
      version
      updatedAt
      totalAvailable
      category {
        id
        nameTh
        nameEn
      }
      images {
        id
        url
        altText
        position
      }
      stockLevels {
        productId
        warehouseId
        onHand
        reserved
        available
        reorderPoint
        belowReorderPoint
        warehouse {
          id
          code
          nameTh
          nameEn
        }
      }
      ...ProductFormFields
    }
  }
`);

/** A product's movement ledger, newest first. */
export const ProductMovementsQuery = graphql(`
  query ProductMovements($productId: UUID!, $first: Int, $after: String) {
    stockMovements(filter: { productId: $productId }, first: $first, after: $after) {
      nodes {
        id
        movementType
        quantity
        onHandDelta
        onHandAfter
        reason
        note
        occurredAt
        warehouse {
          id
          code
        }
        actor {
          id
          displayName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Creates a product. */
export const CreateProductMutation = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      ...ProductFormFields
    }
  }
`);

/** Changes a product (refused with CONFLICT when `expectedVersion` is stale). */
export const UpdateProductMutation = graphql(`
  mutation UpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      id
      updatedAt
      ...ProductFormFields
    }
  }
`);

/** Where to upload one image (a presigned PUT), checked against the declared type and size. */
export const RequestProductImageUploadMutation = graphql(`
  mutation RequestProductImageUpload($input: RequestProductImageUploadInput!) {
    requestProductImageUpload(input: $input) {
      key
      uploadUrl
      method
      headers {
        name
        value
      }
      expiresAt
      maxBytes
    }
  }
`);

/** Attaches an uploaded file; the product's images and version (the API bumps it) update in place. */
export const AttachProductImageMutation = graphql(`
  mutation AttachProductImage($input: AttachProductImageInput!) {
    attachProductImage(input: $input) {
      id
      version
      updatedAt
      images {
        id
        url
        altText
        position
      }
    }
  }
`);

/** Removes an image and its file (the API bumps the product's version). */
export const RemoveProductImageMutation = graphql(`
  mutation RemoveProductImage($input: RemoveProductImageInput!) {
    removeProductImage(input: $input) {
      id
      version
      updatedAt
      images {
        id
        url
        altText
        position
      }
    }
  }
`);
