/** A call as the demo PBX keeps it. Times are epoch milliseconds. */
export interface DemoCall {
  callId: string;
  state: 'Ringing' | 'InCall' | 'Hold';
  source: string;
  destination: string;
  callerId: string;
  startedAt: number;
  answeredAt: number | undefined;
}

/** How a call left the PBX, in GetCallHistory's vocabulary. */
export type DemoEndState = 'CallerHangUp' | 'CalleeHungUp' | 'Cancelled' | 'Busy';

export interface DemoHistoryRow {
  call: DemoCall;
  endState: DemoEndState;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Short, case-sensitive mixed-case ids like the PBX's own ("uteom", "XzeOK", "23Xdz7"). */
export function newCallId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 6; i++) id += ID_CHARS[Math.floor(random() * ID_CHARS.length)];
  return id;
}

export function ringSeconds(call: DemoCall, now: number): number {
  return Math.max(0, Math.floor(((call.answeredAt ?? now) - call.startedAt) / 1000));
}

export function talkSeconds(call: DemoCall, now: number): number {
  return call.answeredAt === undefined ? 0 : Math.max(0, Math.floor((now - call.answeredAt) / 1000));
}

/** ListActiveCalls' StartTime: ISO-8601 with fractional seconds and the local offset, "2013-07-01T10:49:07.9558+02:00". */
export function formatStartTime(epochMs: number): string {
  const date = new Date(epochMs);
  const offset = -date.getTimezoneOffset();
  const local = new Date(epochMs + offset * 60_000).toISOString().replace('Z', '');
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}0${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
