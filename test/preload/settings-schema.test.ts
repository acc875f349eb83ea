// The settings schema's rules for the Settings form: every row the window shows sits under one of its headings.
import { describe, expect, it } from 'vitest';
import { SECTIONS, SETTINGS, type Meta, type SettingKey } from '../../preload/settings-schema.ts';

describe('the settings schema', () => {
  it('names, for every row the window shows, one of the Settings headings (none falls under a stray "Other")', () => {
    const headings: readonly string[] = SECTIONS;
    const rows = Object.entries(SETTINGS) as [SettingKey, Meta][];
    const shown = rows.filter(([, row]) => row.window !== undefined);
    expect(shown.length).toBeGreaterThan(0);
    const homeless = shown
      .filter(([, row]) => row.section === undefined || !headings.includes(row.section))
      .map(([key, row]) => `${key}: ${row.section ?? 'no section'}`);
    expect(homeless).toEqual([]);
  });
});
