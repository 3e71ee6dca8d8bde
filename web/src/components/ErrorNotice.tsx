"use client";
/** Shows a failed operation in the user's language, from its error code (never the server's raw text). */
import type { CombinedError } from "urql";
import { ApiError } from "@/lib/graphql/errors";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { Notice } from "./Notice";

/** The catalog message of an error's code. */
export function useErrorMessage(): (error: ApiError | CombinedError) => string {
  const { messages } = useI18n();
  return (error) => {
    const apiError = error instanceof ApiError ? error : ApiError.from(error);
    return messages.errors[apiError.code];
  };
}

/** Renders nothing without an error. */
export function ErrorNotice({ error }: { error: ApiError | CombinedError | null | undefined }) {
  const message = useErrorMessage();
  return error ? <Notice kind="error">{message(error)}</Notice> : null;
}
