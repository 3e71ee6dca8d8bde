/**
 * Checks the product lines of a transfer or of a receipt in the browser, before the API sees them, and names
 * each problem by its field (`lines.0.quantity`) so the form shows it next to the right control.
 */
import type { TransferLineEntry } from "@/gql/graphql";

/** One line as typed: the chosen product (`""` when none) and the quantity text. */
export interface LineDraft {
  productId: string;
  quantity: string;
}

/** What is wrong with a field; the form turns it into a message of the catalog. */
export type LineProblem =
  | { kind: "required" }
  | { kind: "positive" }
  | { kind: "duplicate" }
  | { kind: "overOutstanding"; outstanding: number }
  | { kind: "nothingToReceive" };

/** The lines to send, or the problems keyed by field. */
export type LineCheck = { ok: true; lines: TransferLineEntry[] } | { ok: false; problems: Record<string, LineProblem> };

const WHOLE = /^\d+$/;

function result(lines: TransferLineEntry[], problems: Record<string, LineProblem>): LineCheck {
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, lines };
}

/** The lines of a new transfer: every line needs a product (each product once) and a positive whole quantity. */
export function checkTransferLines(drafts: readonly LineDraft[]): LineCheck {
  const problems: Record<string, LineProblem> = {};
  const lines: TransferLineEntry[] = [];
  const seen = new Set<string>();
  drafts.forEach((draft, index) => {
    const text = draft.quantity.trim();
    if (!draft.productId) {
      problems[`lines.${index}.productId`] = { kind: "required" };
    } else if (seen.has(draft.productId)) {
      problems[`lines.${index}.productId`] = { kind: "duplicate" };
    }
    seen.add(draft.productId);
    const quantity = WHOLE.test(text) ? Number.parseInt(text, 10) : 0;
    if (quantity <= 0) {
      problems[`lines.${index}.quantity`] = { kind: "positive" };
    }
    lines.push({ productId: draft.productId, quantity });
  });
  if (drafts.length === 0) {
    problems.lines = { kind: "required" };
  }
  return result(lines, problems);
}

/** One line of a transfer still (partly) in transit. */
export interface OutstandingLine {
  productId: string;
  quantityOutstanding: number;
}

/**
 * The lines of a (partial) receipt: a blank or zero quantity skips the product, anything else must be a whole
 * number no larger than what is still outstanding, and at least one product must arrive.
 */
export function checkReceiptLines(outstanding: readonly OutstandingLine[], entered: Readonly<Record<string, string>>): LineCheck {
  const problems: Record<string, LineProblem> = {};
  const lines: TransferLineEntry[] = [];
  for (const line of outstanding) {
    const text = (entered[line.productId] ?? "").trim();
    if (text === "" || text === "0") {
      continue;
    }
    const field = `lines.${line.productId}`;
    if (!WHOLE.test(text)) {
      problems[field] = { kind: "positive" };
      continue;
    }
    const quantity = Number.parseInt(text, 10);
    if (quantity > line.quantityOutstanding) {
      problems[field] = { kind: "overOutstanding", outstanding: line.quantityOutstanding };
      continue;
    }
    lines.push({ productId: line.productId, quantity });
  }
  if (lines.length === 0 && Object.keys(problems).length === 0) {
    problems.lines = { kind: "nothingToReceive" };
  }
  return result(lines, problems);
}
