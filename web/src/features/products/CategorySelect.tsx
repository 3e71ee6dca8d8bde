"use client";
/** A category picker showing the tree as indented names. */
import { useQuery } from "urql";
import { SelectField } from "@/components/Field";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { CategoriesQuery } from "./operations";
import { categoryOptions } from "./category-tree";

interface CategorySelectProps {
  label: string;
  name?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (categoryId: string) => void;
  emptyLabel: string;
  error?: string;
}

/** Every category, children under their parents. */
export function CategorySelect({ label, name, value, defaultValue, onChange, emptyLabel, error }: CategorySelectProps) {
  const { locale } = useI18n();
  const [{ data }] = useQuery({ query: CategoriesQuery, requestPolicy: "cache-first" });
  const options = categoryOptions(data?.categories ?? [], (category) => localName(locale, category));
  return (
    <SelectField
      label={label}
      name={name}
      value={value}
      defaultValue={data ? defaultValue : undefined}
      key={data ? "loaded" : "loading"}
      error={error}
      onChange={(event) => onChange?.(event.target.value)}
    >
      <option value="">{emptyLabel}</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {"\u00a0\u00a0".repeat(option.depth)}
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}
