// The PBX writes two date formats (see docs/ozeki-http-api.md):
// ListActiveCalls: ISO-8601 with fractional seconds and an offset, "2013-07-01T10:49:07.9558+02:00";
// GetCallHistory and Ozeki 10: "2013-08-13 08:02:50" with no zone, which is the PBX's local time.
const PBX_DATE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses a PBX date; zone-less times are read as local time. Returns undefined when it is not a date. */
export function parsePbxDate(text: string): Date | undefined {
  const m = PBX_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = m;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms] as const;
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 60) {
    return undefined;
  }
  if (zone === undefined) return new Date(...parts);
  const utc = Date.UTC(...parts);
  if (zone.toUpperCase() === 'Z') return new Date(utc);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return new Date(utc - sign * offsetMinutes * 60_000);
}

/** Formats a date the way GetCallHistory expects its `From` filter: "yyyy-MM-dd HH:mm:ss", local time. */
export function formatPbxLocalDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ` + `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}
