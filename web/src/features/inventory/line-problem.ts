/** The catalog message of a product-line problem found in the browser. */
import type { Formatters } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages/th";
import type { LineProblem } from "./line-entries";

/** Messages of every problem keyed by field, as `useFormErrors().showLocal` takes them. */
export function lineProblemMessages(messages: Messages, format: Formatters, problems: Record<string, LineProblem>): Record<string, string> {
  const e = messages.errors;
  const text = (problem: LineProblem): string => {
    switch (problem.kind) {
      case "required":
        return e.required;
      case "positive":
        return e.positive;
      case "duplicate":
        return e.duplicateProduct;
      case "overOutstanding":
        return e.overOutstanding(format.number(problem.outstanding));
      case "nothingToReceive":
        return e.nothingToReceive;
    }
  };
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, text(problem)]));
}
