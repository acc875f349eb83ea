import type { LiveCall } from '../ozeki/live-call.ts';

/** 75 → "01:15", 3725 → "1:02:05". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(s / 3600);
  const rest = `${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/** "John Smith <1000>", or just the number when the PBX shows the number as the caller id. */
export function describeCaller(call: Pick<LiveCall, 'source' | 'callerId'>): string {
  return call.callerId && call.callerId !== call.source ? `${call.callerId} <${call.source}>` : call.source;
}

/** A plain-text table: columns padded to their widest cell (counted in characters, accents included). */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export function callsTable(calls: LiveCall[]): string[] {
  if (calls.length === 0) return ['No active calls.'];
  return table(
    ['State', 'Call ID', 'From', 'To', 'Started', 'Ring', 'Talk'],
    calls.map((call) => [
      call.state,
      call.callId,
      describeCaller(call),
      call.destination,
      call.startTime.toLocaleTimeString('en-GB'),
      formatDuration(call.ringSeconds),
      formatDuration(call.talkSeconds),
    ]),
  );
}
