"use client";
/** The user's own profile: roles, password change, and the devices signed in, each revocable. */
import { useState, type FormEvent } from "react";
import { useClient, useQuery } from "urql";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { TableStatus } from "@/components/TableStatus";
import { useFormErrors } from "@/components/useFormErrors";
import { useViewer } from "@/lib/auth/viewer";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { ChangePasswordMutation, MySessionsQuery, RevokeSessionMutation } from "./operations";

/** The screen. */
export function Profile() {
  const { messages, format } = useI18n();
  const p = messages.profile;
  const viewer = useViewer();
  const client = useClient();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MySessionsQuery });
  const [done, setDone] = useState<string | null>(null);
  const { formError, fieldErrors, clear, showApiError } = useFormErrors();
  const sessions = data?.mySessions ?? [];

  async function changePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    setDone(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    try {
      await executeMutation(client, ChangePasswordMutation, {
        input: { currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? "") },
      });
      setDone(p.passwordChanged);
      formElement.reset();
      refetch({ requestPolicy: "network-only" });
    } catch (caught) {
      showApiError(caught);
    }
  }

  async function revoke(sessionId: string) {
    setDone(null);
    try {
      await executeMutation(client, RevokeSessionMutation, { input: { sessionId } });
      setDone(p.revoked);
      refetch({ requestPolicy: "network-only" });
    } catch (caught) {
      showApiError(caught);
    }
  }

  return (
    <>
      <h1>{p.title}</h1>
      {done ? <Notice kind="success">{done}</Notice> : null}
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <section className="card" aria-labelledby="me-title">
        <h2 id="me-title">{viewer.displayName}</h2>
        <dl className="props">
          <dt>{messages.users.email}</dt><dd>{viewer.email}</dd>
          <dt>{p.roles}</dt><dd>{viewer.roles.map((role) => messages.users.role[role]).join(", ")}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{p.changePassword}</h2>
        <form className="form" onSubmit={changePassword} noValidate>
          <TextField label={p.currentPassword} name="currentPassword" type="password" autoComplete="current-password" required error={fieldErrors.currentPassword} />
          <TextField label={p.newPassword} name="newPassword" type="password" autoComplete="new-password" required error={fieldErrors.newPassword} />
          <div><button type="submit" className="button">{p.changePassword}</button></div>
        </form>
      </section>
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{p.sessions}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{p.device}</th>
                <th scope="col">{p.lastUsed}</th>
                <th scope="col">{p.expires}</th>
                <th scope="col">{messages.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              <TableStatus columns={4} fetching={fetching} error={error} empty={sessions.length === 0} emptyText={messages.common.empty} skeletonRows={3} />
              {sessions.map((session) => (
                <tr key={session.id}>
                  <td>
                    {session.current ? <span className="badge ok">{p.thisDevice}</span> : null} {session.userAgent ?? "—"}
                    <div className="field-hint">{session.ip ?? ""}</div>
                  </td>
                  <td>{format.dateTime(session.lastUsedAt)}</td>
                  <td>{format.dateTime(session.expiresAt)}</td>
                  <td>
                    {session.current ? null : (
                      <button type="button" className="button secondary" onClick={() => void revoke(session.id)}>{p.revoke}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
