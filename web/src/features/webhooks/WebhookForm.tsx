"use client";
/**
 * Creates a subscriber, or edits one (`webhook`): name, URL and event types (whole groups like `klang.inventory.*`,
 * single types, or others typed in). Browser checks first; then the API's field errors appear under their fields,
 * `input.eventTypes.<n>` naming the n-th type sent.
 */
import { useId, useState, type FormEvent } from "react";
import { useClient } from "urql";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { chosenEventTypes, EVENT_GROUPS, unlistedEventTypes } from "./eventTypes";
import { CreateWebhookMutation, UpdateWebhookMutation } from "./operations";
import type { ShownSecret } from "./SecretDialog";

/** The fields of a subscriber the form edits. */
export interface EditableWebhook {
  id: string;
  name: string;
  url: string;
  eventTypes: readonly string[];
}

interface WebhookFormProps {
  /** The subscriber to edit; without it, the form creates one. */
  webhook?: EditableWebhook;
  /** After a create: the secret to show once. */
  onCreated?: (shown: ShownSecret) => void;
  /** After an edit. */
  onSaved?: () => void;
}

/** The form. */
export function WebhookForm({ webhook, onCreated, onSaved }: WebhookFormProps) {
  const { messages } = useI18n();
  const w = messages.webhooks;
  const client = useClient();
  const [saving, setSaving] = useState(false);
  const [sentTypes, setSentTypes] = useState<string[]>([]);
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();
  const initial = webhook?.eventTypes ?? [];
  const typesErrorId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get("name") ?? "").trim();
    const url = String(form.get("url") ?? "").trim();
    const eventTypes = chosenEventTypes(form);
    const local: Record<string, string> = {};
    if (!name) {
      local.name = messages.errors.required;
    }
    if (!url) {
      local.url = messages.errors.required;
    } else if (!/^https?:\/\/[^/\s]+/i.test(url)) {
      local.url = w.badUrl;
    }
    if (eventTypes.length === 0) {
      local.eventTypes = w.noEventTypes;
    }
    if (Object.keys(local).length > 0) {
      showLocal(local);
      return;
    }
    setSentTypes(eventTypes);
    setSaving(true);
    try {
      if (webhook) {
        await executeMutation(client, UpdateWebhookMutation, { input: { id: webhook.id, name, url, eventTypes } });
        onSaved?.();
      } else {
        const data = await executeMutation(client, CreateWebhookMutation, { input: { name, url, eventTypes } });
        formElement.reset();
        onCreated?.({ secret: data.createWebhook.secret, intro: w.secretCreated(data.createWebhook.webhook.name) });
      }
    } catch (caught) {
      showApiError(caught);
    } finally {
      setSaving(false);
    }
  }

  // `eventTypes` (the whole list) and `eventTypes.<n>` (one entry of the list sent): an entry typed into the extra
  // field shows under that field, the others under the picker.
  const pickerErrors: string[] = [];
  const extraErrors: string[] = [];
  for (const [field, message] of Object.entries(fieldErrors)) {
    if (field !== "eventTypes" && !field.startsWith("eventTypes.")) {
      continue;
    }
    const value = sentTypes[Number(field.split(".")[1])];
    if (value === undefined) {
      pickerErrors.push(message);
    } else if (unlistedEventTypes([value]).length > 0) {
      extraErrors.push(w.unknownEventType(value, message));
    } else {
      pickerErrors.push(w.unknownEventType(value, message));
    }
  }
  const label = webhook ? w.editOf(webhook.name) : w.newWebhook;

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={label}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <div className="form-row">
        <TextField label={w.name} name="name" defaultValue={webhook?.name} hint={w.nameHint} required maxLength={120} error={fieldErrors.name} />
        <TextField label={w.url} name="url" type="url" inputMode="url" defaultValue={webhook?.url} hint={w.urlHint} required autoComplete="off" error={fieldErrors.url} />
      </div>
      <fieldset aria-invalid={pickerErrors.length > 0} aria-describedby={pickerErrors.length > 0 ? typesErrorId : undefined}>
        <legend>{w.eventTypes}</legend>
        <p className="field-hint">{w.eventTypesHint}</p>
        <label className="checkbox">
          <input type="checkbox" name="eventTypes" value="*" defaultChecked={initial.includes("*")} />
          {w.everything}
        </label>
        <div className="event-groups">
          {EVENT_GROUPS.map((group) => (
            <fieldset key={group.prefix} className="event-group">
              <legend>{w.group[group.prefix]}</legend>
              <label className="checkbox">
                <input type="checkbox" name="eventTypes" value={group.prefix} defaultChecked={initial.includes(group.prefix)} />
                <span>{w.wholeGroup(group.prefix)}</span>
              </label>
              {group.types.map((type) => (
                <label key={type} className="checkbox">
                  <input type="checkbox" name="eventTypes" value={type} defaultChecked={initial.includes(type)} />
                  <span>{w.eventType[type]} <code>{type}</code></span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        <TextField
          label={w.extraEventTypes}
          name="extraEventTypes"
          defaultValue={unlistedEventTypes(initial).join(", ")}
          autoComplete="off"
          error={extraErrors.length > 0 ? extraErrors.join(" · ") : undefined}
        />
        {pickerErrors.length > 0 ? (
          <span id={typesErrorId} className="field-error">{pickerErrors.join(" · ")}</span>
        ) : null}
      </fieldset>
      <div>
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : webhook ? messages.common.save : messages.common.create}</button>
      </div>
    </form>
  );
}
