/** Flattens the category list into picker options: depth-first, each child right after its parent. */

/** A category as the list query returns it. */
export interface CategoryNode {
  id: string;
  parentId?: string | null;
  nameTh: string;
  nameEn?: string | null;
}

/** One option: the category, its label and how deep it sits. */
export interface CategoryOption {
  id: string;
  label: string;
  depth: number;
}

/** Options in tree order; siblings keep the API's order (Thai dictionary order). Orphans are treated as roots. */
export function categoryOptions(categories: readonly CategoryNode[], label: (category: CategoryNode) => string): CategoryOption[] {
  const ids = new Set(categories.map((category) => category.id));
  const children = new Map<string | null, CategoryNode[]>();
  for (const category of categories) {
    const parent = category.parentId && ids.has(category.parentId) ? category.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const options: CategoryOption[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const category of children.get(parent) ?? []) {
      options.push({ id: category.id, label: label(category), depth });
      visit(category.id, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}
