"use client";
/** One user in the admin table; with `user:manage`, their roles can be changed and the account deactivated. */
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { useErrorMessage } from "@/components/ErrorNotice";
import type { UsersQuery } from "@/gql/graphql";
import { ApiError } from "@/lib/graphql/errors";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { AssignRolesMutation, DeactivateUserMutation } from "./operations";
import { checkedRoles, RoleCheckboxes } from "./RoleCheckboxes";

type User = UsersQuery["users"]["nodes"][number];

/** The row, and the role editor below it when open. */
export function UserRow({ user, canManage }: { user: User; canManage: boolean }) {
  const { messages, format } = useI18n();
  const client = useClient();
  const errorMessage = useErrorMessage();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const u = messages.users;

  async function run(action: () => Promise<unknown>, success: string) {
    setStatus(null);
    try {
      await action();
      setStatus({ kind: "success", text: success });
      setEditing(false);
    } catch (caught) {
      setStatus({ kind: "error", text: caught instanceof ApiError ? errorMessage(caught) : messages.errors.NETWORK });
    }
  }

  function saveRoles(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const roles = checkedRoles(new FormData(event.currentTarget));
    void run(() => executeMutation(client, AssignRolesMutation, { input: { userId: user.id, roles } }), u.rolesSaved);
  }

  function deactivate() {
    if (window.confirm(u.confirmDeactivate(user.displayName))) {
      void run(() => executeMutation(client, DeactivateUserMutation, { input: { id: user.id } }), messages.common.saved);
    }
  }

  return (
    <>
      <tr>
        <td>{user.displayName}</td>
        <td>{user.email}</td>
        <td>{user.roles.map((role) => <span key={role} className="badge">{u.role[role]}</span>)}</td>
        <td>
          <span className={`badge ${user.isActive ? "ok" : "bad"}`}>{user.isActive ? messages.common.active : messages.common.inactive}</span>
        </td>
        <td>{format.dateTime(user.createdAt)}</td>
        {canManage ? (
          <td>
            <button type="button" className="link-button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
              {u.roles}
            </button>{" "}
            {user.isActive ? <button type="button" className="link-button" onClick={deactivate}>{u.deactivate}</button> : null}
            {status ? <div role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "field-error" : "field-hint"}>{status.text}</div> : null}
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr>
          <td colSpan={6}>
            <form onSubmit={saveRoles} aria-label={`${u.roles} ${user.displayName}`}>
              <RoleCheckboxes defaultRoles={user.roles} />
              <button type="submit" className="button">{u.saveRoles}</button>
            </form>
          </td>
        </tr>
      ) : null}
    </>
  );
}
