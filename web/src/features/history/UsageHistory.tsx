"use client";
/** The usage history (needs `audit:read`): filters by action, entity type and outcome; each record's diff. */
import { Fragment, useState } from "react";
import { useQuery } from "urql";
import { Notice } from "@/components/Notice";
import { SelectField, TextField } from "@/components/Field";
import { Pager, useCursorPages } from "@/components/Pager";
import { TableStatus } from "@/components/TableStatus";
import { useDebounced } from "@/components/useDebounced";
import type { AuditOutcome } from "@/gql/schema-enums";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { diffEntries } from "./diff";
import { AuditLogQuery } from "./operations";

/** The screen. */
export function UsageHistory() {
  const { messages, format } = useI18n();
  const h = messages.history;
  const canRead = useCan("AUDIT_READ");
  const [action, setAction] = useState("");
  const [entityType, setEntityType] = useState("");
  const [outcome, setOutcome] = useState<AuditOutcome | "">("");
  const [open, setOpen] = useState<string | null>(null);
  const settledAction = useDebounced(action.trim());
  const settledEntity = useDebounced(entityType.trim());
  const pages = useCursorPages();
  const [{ data, fetching, error }] = useQuery({
    query: AuditLogQuery,
    variables: {
      filter: { action: settledAction || null, entityType: settledEntity || null, outcome: outcome || null },
      first: 20,
      after: pages.after,
    },
    pause: !canRead,
  });
  if (!canRead) {
    return <Notice kind="error">{messages.errors.FORBIDDEN}</Notice>;
  }
  const entries = data?.auditLog.nodes ?? [];
  return (
    <>
      <h1>{h.title}</h1>
      <div className="filters" role="search">
        <TextField label={h.action} value={action} placeholder="createProduct" onChange={(event) => { setAction(event.target.value); pages.reset(); }} />
        <TextField label={h.entity} value={entityType} placeholder="Product" onChange={(event) => { setEntityType(event.target.value); pages.reset(); }} />
        <SelectField label={h.outcome} value={outcome} onChange={(event) => { setOutcome(event.target.value as AuditOutcome | ""); pages.reset(); }}>
          <option value="">{messages.common.all}</option>
          <option value="SUCCESS">{h.success}</option>
          <option value="FAILURE">{h.failure}</option>
        </SelectField>
      </div>
      <div className="table-wrap" aria-busy={fetching}>
        <table>
          <thead>
            <tr>
              <th scope="col">{messages.common.when}</th>
              <th scope="col">{h.actor}</th>
              <th scope="col">{h.action}</th>
              <th scope="col">{h.entity}</th>
              <th scope="col">{h.outcome}</th>
              <th scope="col">{messages.common.details}</th>
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={6} fetching={fetching} error={error} empty={entries.length === 0} emptyText={h.noEntries} />
            {entries.map((entry) => {
              const rows = diffEntries(entry.before, entry.after);
              const expanded = open === entry.id;
              return (
                <Fragment key={entry.id}>
                  <tr>
                    <td>{format.dateTime(entry.occurredAt)}</td>
                    <td>{entry.actor?.displayName ?? h.system}</td>
                    <td><code>{entry.action}</code></td>
                    <td>{entry.entityType ?? "—"}</td>
                    <td>
                      <span className={`badge ${entry.outcome === "SUCCESS" ? "ok" : "bad"}`}>
                        {entry.outcome === "SUCCESS" ? h.success : h.failure}
                      </span>{" "}
                      {entry.errorCode ?? ""}
                    </td>
                    <td>
                      <button type="button" className="link-button" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : entry.id)}>
                        {expanded ? h.hide : h.show}
                      </button>
                    </td>
                  </tr>
                  {expanded ? (
                    <tr>
                      <td colSpan={6}>
                        <h2>{h.diffTitle}</h2>
                        {rows.length === 0 ? <p className="empty">{h.noChanges}</p> : (
                          <table>
                            <thead>
                              <tr>
                                <th scope="col">{h.field}</th>
                                <th scope="col">{h.before}</th>
                                <th scope="col">{h.after}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {rows.map((row) => (
                                <tr key={row.field}>
                                  <th scope="row">{row.field}</th>
                                  <td className={row.kind === "added" ? "" : "diff-removed"}>{row.before ?? "—"}</td>
                                  <td className={row.kind === "removed" ? "" : "diff-added"}>{row.after ?? "—"}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        )}
                        <p className="field-hint">{entry.entityId ?? ""} {entry.ip ?? ""} {entry.requestId ?? ""}</p>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager page={pages.page} hasNextPage={data?.auditLog.pageInfo.hasNextPage ?? false} endCursor={data?.auditLog.pageInfo.endCursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
