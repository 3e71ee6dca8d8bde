/**
 * One typed error for everything the API or the network can answer, so screens match on codes, never on text.
 */
import type { CombinedError } from "urql";
import type { ErrorCode } from "@/gql/schema-enums";

/** A field the API refused, with its input path (e.g. `input.sku`) and the API's reason. */
export interface FieldError {
  path: string;
  message: string;
}

/** A code from the schema's `ErrorCode`, or `NETWORK` when the API could not be reached. */
export type ApiErrorCode = ErrorCode | "NETWORK";

/** A failed operation: its first code, every field error and, for `RATE_LIMITED`, when to try again. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly fields: readonly FieldError[];
  readonly retryAfterSeconds: number | null;

  constructor(code: ApiErrorCode, message: string, fields: readonly FieldError[] = [], retryAfterSeconds: number | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Reads urql's combined error: the first GraphQL error decides the code; field errors are gathered from all. */
  static from(error: CombinedError): ApiError {
    if (error.networkError || error.graphQLErrors.length === 0) {
      return new ApiError("NETWORK", error.message);
    }
    const fields: FieldError[] = [];
    let retryAfterSeconds: number | null = null;
    for (const graphQLError of error.graphQLErrors) {
      const extensions = graphQLError.extensions as { fields?: unknown; retryAfterSeconds?: unknown };
      if (Array.isArray(extensions.fields)) {
        fields.push(...extensions.fields.filter(isFieldError));
      }
      if (typeof extensions.retryAfterSeconds === "number") {
        retryAfterSeconds = extensions.retryAfterSeconds;
      }
    }
    const first = error.graphQLErrors[0]!;
    const code = (first.extensions.code as ErrorCode | undefined) ?? "INTERNAL";
    return new ApiError(code, first.message, fields, retryAfterSeconds);
  }

  /** Field errors keyed by path with `prefix` removed: `fieldMessages("input.")` gives `{ sku: "..." }`. */
  fieldMessages(prefix = "input."): Record<string, string> {
    const messages: Record<string, string> = {};
    for (const field of this.fields) {
      const key = field.path.startsWith(prefix) ? field.path.slice(prefix.length) : field.path;
      messages[key] ??= field.message;
    }
    return messages;
  }
}

function isFieldError(value: unknown): value is FieldError {
  const candidate = value as Partial<FieldError> | null;
  return typeof candidate?.path === "string" && typeof candidate.message === "string";
}

/** Whether urql's error says the access token was missing, expired or revoked. */
export function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((graphQLError) => graphQLError.extensions.code === "UNAUTHENTICATED");
}
