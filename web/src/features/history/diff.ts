/**
 * The before/after difference of one usage-history record: one row per top-level field that changed, values
 * shown as compact JSON.
 */

/** One changed field. */
export interface DiffRow {
  field: string;
  before: string | null;
  after: string | null;
  kind: "added" | "removed" | "changed";
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function show(value: unknown): string | null {
  return value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value);
}

/** The changed fields, in key order; unchanged fields are left out. */
export function diffEntries(before: unknown, after: unknown): DiffRow[] {
  const old = asRecord(before);
  const next = asRecord(after);
  const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  const rows: DiffRow[] = [];
  for (const field of fields) {
    const was = show(old[field]);
    const now = show(next[field]);
    if (was === now) {
      continue;
    }
    rows.push({ field, before: was, after: now, kind: was === null ? "added" : now === null ? "removed" : "changed" });
  }
  return rows;
}
