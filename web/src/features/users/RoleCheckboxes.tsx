"use client";
/** A group of role checkboxes named `roles`. */
import type { Role } from "@/gql/schema-enums";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { ROLES } from "./roles";

/** The fieldset; `defaultRoles` are checked at first. */
export function RoleCheckboxes({ defaultRoles, error }: { defaultRoles: readonly Role[]; error?: string }) {
  const { messages } = useI18n();
  return (
    <fieldset aria-invalid={Boolean(error)}>
      <legend>{messages.users.roles}</legend>
      {ROLES.map((role) => (
        <label key={role} className="checkbox">
          <input type="checkbox" name="roles" value={role} defaultChecked={defaultRoles.includes(role)} />
          {messages.users.role[role]}
        </label>
      ))}
      {error ? <span className="field-error">{error}</span> : null}
    </fieldset>
  );
}

/** The checked roles of a form. */
export function checkedRoles(form: FormData): Role[] {
  return form.getAll("roles").map(String).filter((role): role is Role => (ROLES as readonly string[]).includes(role));
}
