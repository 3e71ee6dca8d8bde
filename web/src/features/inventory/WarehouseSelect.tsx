"use client";
/** A warehouse picker, optionally with an "all warehouses" choice. */
import type { ChangeEvent } from "react";
import { SelectField } from "@/components/Field";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { useWarehouses } from "./warehouses";

interface WarehouseSelectProps {
  label: string;
  value: string;
  onChange: (warehouseId: string) => void;
  /** Offer "all warehouses" (value `""`). */
  allowAll?: boolean;
  /** Offer only warehouses that accept movements. */
  activeOnly?: boolean;
  name?: string;
  error?: string;
  required?: boolean;
}

/** Lists the warehouses by code and name in the current language. */
export function WarehouseSelect({ label, value, onChange, allowAll, activeOnly, name, error, required }: WarehouseSelectProps) {
  const { locale, messages } = useI18n();
  const { warehouses } = useWarehouses();
  return (
    <SelectField
      label={label}
      name={name}
      value={value}
      error={error}
      required={required}
      onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
    >
      {allowAll ? <option value="">{messages.common.allWarehouses}</option> : <option value="" disabled>{messages.stock.chooseWarehouse}</option>}
      {warehouses
        .filter((warehouse) => !activeOnly || warehouse.isActive)
        .map((warehouse) => (
          <option key={warehouse.id} value={warehouse.id}>
            {warehouse.code} · {localName(locale, warehouse)}
          </option>
        ))}
    </SelectField>
  );
}
