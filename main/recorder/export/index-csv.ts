import { INDEX_COLUMNS, type ExportedRecording } from './index-rows.ts';

/**
 * A cell as a spreadsheet can only read it as text. A cell starting with = + - @ (or a tab or carriage return,
 * which some spreadsheets skip before one of those) would be run as a formula when the file is opened: a caller
 * id or a note from anyone could then fetch URLs or run commands. A leading ' makes it text.
 */
export function inertCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * index.csv: a header and one line per recording, CRLF line ends (RFC 4180), every text cell made inert. It
 * starts with a byte order mark so that spreadsheets read its accents as UTF-8.
 */
export function csvIndex(recordings: readonly ExportedRecording[]): string {
  const line = (cells: string[]) => `${cells.map((cell) => csvField(inertCell(cell))).join(',')}\r\n`;
  return `\ufeff${line(INDEX_COLUMNS.map((c) => c.title))}${recordings.map((r) => line(INDEX_COLUMNS.map((c) => c.value(r)))).join('')}`;
}
