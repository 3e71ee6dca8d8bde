"use client";
/**
 * The body rows of a table that is loading, failed or empty. Loading shows skeleton rows of the page size
 * (`skeletonRows`, 20 unless told), each one text line high, so the table keeps its height when the data arrives.
 */
import type { CombinedError } from "urql";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { useErrorMessage } from "./ErrorNotice";

interface TableStatusProps {
  columns: number;
  fetching: boolean;
  error: CombinedError | undefined;
  empty: boolean;
  emptyText: string;
  skeletonRows?: number;
}

/** Renders skeleton, error or empty rows; `null` when the real rows should show. */
export function TableStatus({ columns, fetching, error, empty, emptyText, skeletonRows = 20 }: TableStatusProps) {
  const { messages } = useI18n();
  const errorMessage = useErrorMessage();
  if (error) {
    return (
      <tr>
        <td colSpan={columns} role="alert" className="empty">{errorMessage(error)}</td>
      </tr>
    );
  }
  if (fetching && empty) {
    return (
      <>
        {Array.from({ length: skeletonRows }, (_, row) => (
          <tr key={row} className="skeleton" aria-hidden="true">
            {Array.from({ length: columns }, (_, column) => (
              <td key={column}><span /></td>
            ))}
          </tr>
        ))}
        <tr className="visually-hidden"><td colSpan={columns} role="status">{messages.app.loading}</td></tr>
      </>
    );
  }
  if (empty) {
    return (
      <tr>
        <td colSpan={columns} className="empty">{emptyText}</td>
      </tr>
    );
  }
  return null;
}
