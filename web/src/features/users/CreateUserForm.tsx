"use client";
/** Creates a user with an initial password and roles; API field errors appear under their fields. */
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { CreateUserMutation } from "./operations";
import { checkedRoles, RoleCheckboxes } from "./RoleCheckboxes";

/** The form. */
export function CreateUserForm() {
  const { messages } = useI18n();
  const client = useClient();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { formError, fieldErrors, clear, showApiError } = useFormErrors();
  const u = messages.users;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    setDone(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSaving(true);
    try {
      const data = await executeMutation(client, CreateUserMutation, {
        input: {
          email: String(form.get("email") ?? "").trim(),
          displayName: String(form.get("displayName") ?? "").trim(),
          password: String(form.get("password") ?? ""),
          roles: checkedRoles(form),
        },
      });
      setDone(`${u.created}: ${data.createUser.email}`);
      formElement.reset();
    } catch (caught) {
      showApiError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={u.newUser}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      <div className="form-row">
        <TextField label={u.email} name="email" type="email" autoComplete="off" required error={fieldErrors.email} />
        <TextField label={u.displayName} name="displayName" required error={fieldErrors.displayName} />
      </div>
      <TextField label={u.password} name="password" type="password" autoComplete="new-password" required error={fieldErrors.password} />
      <RoleCheckboxes defaultRoles={["VIEWER"]} error={fieldErrors.roles} />
      <div>
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : messages.common.create}</button>
      </div>
    </form>
  );
}
