"use client";
/** Users and roles: search, role filter, pages; creating, role changes and deactivation with `user:manage`. */
import { useState } from "react";
import { useQuery } from "urql";
import { Notice } from "@/components/Notice";
import { SelectField, TextField } from "@/components/Field";
import { Pager, useCursorPages } from "@/components/Pager";
import { TableStatus } from "@/components/TableStatus";
import { useDebounced } from "@/components/useDebounced";
import type { Role } from "@/gql/schema-enums";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { CreateUserForm } from "./CreateUserForm";
import { UsersQuery } from "./operations";
import { ROLES } from "./roles";
import { UserRow } from "./UserRow";

/** The users screen (needs `user:read`). */
export function UsersAdmin() {
  const { messages } = useI18n();
  const u = messages.users;
  const canRead = useCan("USER_READ");
  const canManage = useCan("USER_MANAGE");
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const settled = useDebounced(search.trim());
  const pages = useCursorPages();
  const [{ data, fetching, error }] = useQuery({
    query: UsersQuery,
    variables: { filter: { search: settled || null, role: role || null }, first: 20, after: pages.after },
    pause: !canRead,
  });
  if (!canRead) {
    return <Notice kind="error">{messages.errors.FORBIDDEN}</Notice>;
  }
  const users = data?.users.nodes ?? [];
  return (
    <>
      <h1>{u.title}</h1>
      {canManage ? (
        <details className="card">
          <summary>{u.newUser}</summary>
          <CreateUserForm />
        </details>
      ) : null}
      <div className="filters" role="search">
        <TextField className="grow" type="search" label={u.searchLabel} value={search} onChange={(event) => { setSearch(event.target.value); pages.reset(); }} />
        <SelectField label={u.roles} value={role} onChange={(event) => { setRole(event.target.value as Role | ""); pages.reset(); }}>
          <option value="">{messages.common.all}</option>
          {ROLES.map((code) => <option key={code} value={code}>{u.role[code]}</option>)}
        </SelectField>
      </div>
      <div className="table-wrap" aria-busy={fetching}>
        <table>
          <thead>
            <tr>
              <th scope="col">{u.displayName}</th>
              <th scope="col">{u.email}</th>
              <th scope="col">{u.roles}</th>
              <th scope="col">{u.status}</th>
              <th scope="col">{messages.common.when}</th>
              {canManage ? <th scope="col">{messages.common.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={canManage ? 6 : 5} fetching={fetching} error={error} empty={users.length === 0} emptyText={u.noUsers} />
            {users.map((user) => <UserRow key={user.id} user={user} canManage={canManage} />)}
          </tbody>
        </table>
      </div>
      <Pager page={pages.page} hasNextPage={data?.users.pageInfo.hasNextPage ?? false} endCursor={data?.users.pageInfo.endCursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
