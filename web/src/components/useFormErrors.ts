"use client";
/**
 * Error state of a form that talks to the API: a message for the whole form and one per field, taken from the
 * API's `BAD_USER_INPUT` / `CONFLICT` field paths (`input.sku` → `sku`) or from checks made in the browser.
 */
import { useCallback, useState } from "react";
import { ApiError } from "@/lib/graphql/errors";
import { useI18n } from "@/lib/i18n/I18nProvider";

/** Form-level and field-level errors, and how to set them from what went wrong. */
export function useFormErrors() {
  const { messages } = useI18n();
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const clear = useCallback(() => {
    setFormError(null);
    setFieldErrors({});
  }, []);

  /** Shows local problems (already in the user's language). */
  const showLocal = useCallback(
    (errors: Record<string, string>) => {
      setFieldErrors(errors);
      setFormError(messages.errors.BAD_USER_INPUT);
    },
    [messages],
  );

  /**
   * Shows what the API (or the network) answered. `fieldKey` renames a field path (without `input.`) to the key
   * the form shows it under, e.g. a receipt's `lines.0.quantity` (the first line sent) to that product's row.
   */
  const showApiError = useCallback(
    (caught: unknown, overrides: Partial<Record<string, string>> = {}, fieldKey: (field: string) => string = (field) => field) => {
      if (!(caught instanceof ApiError)) {
        setFormError(messages.errors.NETWORK);
        return;
      }
      const fields = Object.fromEntries(
        Object.entries(caught.fieldMessages()).map(([field, message]) => [fieldKey(field), messages.errors.fieldInvalid(message)]),
      );
      setFieldErrors(fields);
      setFormError(overrides[caught.code] ?? messages.errors[caught.code]);
    },
    [messages],
  );

  return { formError, fieldErrors, clear, showLocal, showApiError };
}
