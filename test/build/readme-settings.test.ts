import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { COMMAND_LINE_OPTIONS, SETTING_FLAGS } from '../../main/cli/recorder-flags.ts';
import { SETTINGS, type Meta, type SettingKey, type ValueRule } from '../../preload/settings-schema.ts';

type Row = Meta & { value: ValueRule<unknown>; default: unknown };

const cell = (text: string) => text.replace(/\|/g, '\\|');
const table = (header: string[], rows: string[][]) =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(cell).join(' | ')} |`).join('\n');

/** The default as the window shows it: a choice by its label, a switch as on or off, a number in the field's unit. */
function windowDefault(row: Row): string {
  const value = row.default;
  if (row.defaultText) return row.defaultText;
  if (value === '' || (Array.isArray(value) && value.length === 0)) return 'none';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  const option = row.value.options?.find(([v]) => v === value);
  if (option) return option[1];
  const unit = row.window?.unit;
  return typeof value === 'number' && unit ? `${unit.show(value)} ${unit.name}` : `\`${String(value)}\``;
}

/** The README's "Settings" table, from the settings schema: every setting the window shows, in the window's order. */
function settingsTable(): string {
  const rows = (Object.keys(SETTINGS) as SettingKey[]).map((key) => SETTINGS[key] as Row).filter((row) => row.window);
  return table(
    ['setting', 'default', 'for', 'applies', 'meaning'],
    rows.map((row) => [row.label, windowDefault(row), row.who, row.applies === 'live' ? 'at once' : 'after a restart', row.meaning]),
  );
}

/** The README's "Options of run and record" table: the schema's flags, then the command line's own options. */
function optionsTable(): string {
  return table(
    ['option', 'default', 'meaning'],
    [...SETTING_FLAGS, ...COMMAND_LINE_OPTIONS].map((o) => [`\`--${o.flag}${o.arg ? ` ${o.arg}` : ''}\``, o.defaultText, o.meaning]),
  );
}

/** The first Markdown table after `heading` in the README. */
function tableAfter(readme: string, heading: string): string {
  const start = readme.indexOf(heading);
  expect(start, `the README has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const after = lines.slice(first).findIndex((line) => !line.startsWith('|'));
  return lines.slice(first, after === -1 ? undefined : first + after).join('\n');
}

describe('README.md', () => {
  // On a failure the diff shows the table the schema gives: paste it into the README.
  it('lists the settings as the settings schema defines them', async () => {
    const readme = await readFile('README.md', 'utf8');
    expect(tableAfter(readme, '## Settings')).toBe(settingsTable());
  });

  it('lists the options of run and record as the settings schema and the command line define them', async () => {
    const readme = await readFile('README.md', 'utf8');
    expect(tableAfter(readme, 'Options of `run` and `record`')).toBe(optionsTable());
  });
});
