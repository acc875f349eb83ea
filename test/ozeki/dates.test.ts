import { describe, expect, it } from 'vitest';
import { formatPbxLocalDate, parsePbxDate } from '../../main/ozeki/dates.ts';

describe('parsePbxDate', () => {
  it.each([
    ['2013-07-01T10:49:07.9558+02:00', '2013-07-01T08:49:07.956Z'],
    ['2013-07-01T10:49:07.9558-05:30', '2013-07-01T16:19:07.956Z'],
    ['2013-07-01T10:49:07Z', '2013-07-01T10:49:07.000Z'],
    ['2013-07-01T10:49:07+0200', '2013-07-01T08:49:07.000Z'],
  ])('reads %s with its offset', (text, iso) => {
    expect(parsePbxDate(text)?.toISOString()).toBe(iso);
  });

  it('reads the zone-less history format as local time', () => {
    expect(parsePbxDate('2013-08-13 08:02:50')).toEqual(new Date(2013, 7, 13, 8, 2, 50));
  });

  it.each(['', 'yesterday', '2013-13-01 10:00:00', '2013-07-01', '10:49:07', '2013-07-01T25:00:00Z'])('refuses %j', (text) => {
    expect(parsePbxDate(text)).toBeUndefined();
  });

  it('formats the history filter date back in the same form', () => {
    const date = new Date(2024, 0, 5, 9, 3, 7);
    expect(formatPbxLocalDate(date)).toBe('2024-01-05 09:03:07');
    expect(parsePbxDate(formatPbxLocalDate(date))).toEqual(date);
  });
});
