// The Settings form as the settings schema describes it: which rows it shows, under which headings, in which part
// (the receptionist's, or the administrator's under Advanced), and how a value becomes the text of its input and back.
import type { SettingsChange, SettingsView } from '../../../preload/contract.ts';
import { SECTIONS, SETTINGS, settingProblem, type FieldKey, type Meta, type SettingKey, type ValueRule } from '../../../preload/settings-schema.ts';

export type Row = Meta & { value: ValueRule<unknown> };
export const rowOf = (key: SettingKey): Row => SETTINGS[key];

/** A heading of the form and its rows, in the schema's order. */
export interface Section {
  heading: string;
  keys: SettingKey[];
}

/** What an input holds: the text typed, or whether a switch is on. */
export type Typed = string | boolean;

const OTHER = 'Other';

/**
 * The rows `who` sets, grouped under their headings: the schema's SECTIONS first, in their order, then any other
 * heading a row names, then the rows that name none ("Other"). A row added to the schema shows up by itself.
 */
export function sectionsFor(who: Meta['who']): Section[] {
  const sections = new Map<string, SettingKey[]>(SECTIONS.map((heading) => [heading, []]));
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const row = rowOf(key);
    if (!row.window || row.who !== who) continue;
    const heading = row.section ?? OTHER;
    sections.set(heading, [...(sections.get(heading) ?? []), key]);
  }
  const other = sections.get(OTHER);
  sections.delete(OTHER);
  if (other) sections.set(OTHER, other);
  return [...sections].filter(([, keys]) => keys.length > 0).map(([heading, keys]) => ({ heading, keys }));
}

/** The fields of the form, in the order they are shown (the receptionist's, then the administrator's). */
export const FORM_ORDER: readonly SettingKey[] = [...sectionsFor('receptionist'), ...sectionsFor('administrator')].flatMap((section) => section.keys);

/** A saved value as its input shows it: in the field's unit, a list as comma-separated text, a switch as on or off. */
export function shownValue(key: FieldKey, value: unknown): Typed {
  const { value: rule, window } = rowOf(key);
  if (rule.kind === 'switch') return value === true;
  if (window?.unit && typeof value === 'number') return window.unit.show(value);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** What an input holds, as the setting's value: a number in the unit it is kept in, a list from its commas. */
export function typedValue(key: FieldKey, typed: Typed): unknown {
  const { value: rule, window } = rowOf(key);
  if (typeof typed === 'boolean') return typed;
  if (rule.kind === 'integer') return window?.unit ? window.unit.read(typed) : typed.trim() === '' ? Number.NaN : Number(typed);
  if (rule.kind === 'list')
    return typed
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  return typed.trim();
}

/**
 * What the schema's own check says of a value as typed, before main is asked: a number that is no number never
 * leaves the window (it would arrive as null), and the words are the schema's, as main would say them.
 */
export function typedProblem(key: FieldKey, typed: Typed): string | undefined {
  return settingProblem(key, typedValue(key, typed));
}

/** The inputs as they are when nothing is typed yet: the saved settings. */
export function savedInputs(saved: SettingsView, keys: readonly FieldKey[]): Map<FieldKey, Typed> {
  return new Map(keys.map((key) => [key, shownValue(key, saved[key])]));
}

/**
 * The inputs of the rows shown for the values as typed (rowMatters). A row hidden because it no longer matters is
 * neither checked nor sent: it keeps its saved value, and what was typed into it waits until it is shown again.
 */
export function shownInputs(inputs: ReadonlyMap<FieldKey, Typed>): [FieldKey, Typed][] {
  return [...inputs].filter(([key]) => rowMatters(key, inputs));
}

/** The change to send: every field shown, as typed, and the password when one is typed. */
export function changeOf(inputs: ReadonlyMap<FieldKey, Typed>, password: string): SettingsChange {
  const change: Record<string, unknown> = Object.fromEntries(shownInputs(inputs).map(([key, typed]) => [key, typedValue(key, typed)]));
  if (password) change['password'] = password;
  return change;
}

/** The fields shown whose input differs from the saved value. */
export function changedFields(inputs: ReadonlyMap<FieldKey, Typed>, saved: SettingsView): FieldKey[] {
  return shownInputs(inputs)
    .filter(([key, typed]) => typed !== shownValue(key, saved[key]))
    .map(([key]) => key);
}

/**
 * Whether a row matters for the values as typed (before saving): the announcement's text only when it is said, its
 * file only when it is played, and who hears it, its order, skipping and failure only while announcements are on.
 */
export function rowMatters(key: SettingKey, inputs: ReadonlyMap<FieldKey, Typed>): boolean {
  const announce = inputs.get('announce');
  if (key === 'announceText') return announce === 'text';
  if (key === 'announceFile') return announce === 'file';
  if (key === 'announceParty' || key === 'announceOrder' || key === 'announceSkippable' || key === 'announceFailure') return announce !== 'off';
  return true;
}
