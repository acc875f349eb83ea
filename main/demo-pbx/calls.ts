import type { DemoClock } from './clock.ts';
import type { DemoPbxEmitter } from './events.ts';

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

/** How a call left the PBX, in GetCallHistory's vocabulary: who hung up, or why it was never answered. */
export type DemoEndState = 'CallerHangUp' | 'CalleeHungUp' | 'Cancelled' | 'Busy';

/** How a leg the PBX moved on from ended: rang out, or rejected as busy (a forward on no answer or on busy). */
export type DemoLegState = 'NoAnswer' | 'Busy';

/** One row of GetCallHistory: a call, or one leg of it (a forwarded call has a row per destination tried). */
export interface DemoHistoryRow {
  call: DemoCall;
  endState: DemoEndState | DemoLegState;
}

/**
 * The history's state of a call that ended `by`, from whether it was answered: an answered call ends by a hang-up
 * (a test's 'Cancelled' or 'Busy' then means its caller or callee hung up), a call never answered is Cancelled (its
 * caller gave up) or Busy (its callee rejected it).
 */
export function historyState(by: DemoEndState, answered: boolean): DemoEndState {
  if (answered) return by === 'Cancelled' ? 'CallerHangUp' : by === 'Busy' ? 'CalleeHungUp' : by;
  return by === 'CallerHangUp' ? 'Cancelled' : by === 'CalleeHungUp' ? 'Busy' : by;
}

/** A recording the PBX was asked for with Record. */
export interface DemoRecording {
  callId: string;
  format: 'mp3' | 'wav';
  finishedUrl: string | undefined;
  startedAt: number;
  /** Set when the call ended and the file was written. */
  file?: string;
  recordUrl?: string;
  seconds?: number;
  /** Where announcements were heard in the file, in seconds from its start. */
  announced?: { fromS: number; toS: number }[];
}

/** An announcement the PBX made on a call (Speak or Play): when it started, how long it lasted, to whom. */
export interface DemoAnnouncement {
  callId: string;
  command: 'Speak' | 'Play';
  party: string;
  /** The text said, or the AudioFile played. */
  content: string;
  at: number;
  seconds: number;
}

export interface NewDemoCall {
  source: string;
  destination: string;
  callerId?: string;
  state?: 'Ringing' | 'InCall';
}

/**
 * The PBX's calls: the live ones with their states, the history of ended ones, and the recordings asked for on
 * each. It tells every change as a DemoPbx event. It writes no files and speaks no HTTP: ending a call hands its
 * recordings to whoever produces the files.
 */
export class CallModel {
  private readonly live = new Map<string, DemoCall>();
  private readonly ended: DemoHistoryRow[] = [];
  private readonly recordings = new Map<string, DemoRecording[]>();
  private readonly announcements = new Map<string, DemoAnnouncement[]>();

  constructor(
    private readonly clock: DemoClock,
    private readonly random: () => number,
    private readonly events: DemoPbxEmitter,
  ) {}

  add(call: NewDemoCall): string {
    let callId = newCallId(this.random);
    while (this.live.has(callId)) callId = newCallId(this.random);
    const now = this.clock.now();
    const entry: DemoCall = {
      callId,
      state: call.state ?? 'Ringing',
      source: call.source,
      destination: call.destination,
      callerId: call.callerId ?? call.source,
      startedAt: now,
      answeredAt: call.state === 'InCall' ? now : undefined,
    };
    this.live.set(callId, entry);
    this.events.emit('call-added', { ...entry });
    return callId;
  }

  /** A ringing call is answered; any other call is left as it is. */
  answer(callId: string): void {
    const call = this.require(callId);
    if (call.state !== 'Ringing') return;
    call.state = 'InCall';
    call.answeredAt = this.clock.now();
    this.events.emit('call-changed', { ...call });
  }

  setState(callId: string, state: 'InCall' | 'Hold'): void {
    const call = this.require(callId);
    call.state = state;
    this.events.emit('call-changed', { ...call });
  }

  /**
   * A ringing call moves on to `destination` (a forward on no answer, or on busy): the leg to its destination so far
   * goes into the history as `leg`, under the same CallId, and the call rings on at the new one.
   */
  forward(callId: string, destination: string, leg: DemoLegState): void {
    const call = this.require(callId);
    if (call.state !== 'Ringing') throw new Error(`Call ${callId} is not ringing: only a ringing call is forwarded`);
    this.ended.push({ call: { ...call }, endState: leg });
    call.destination = destination;
    this.events.emit('call-changed', { ...call });
  }

  /**
   * Ends a live call; its history row says how from whether it was answered (historyState). Gives the moment it
   * ended, its recordings and its announcements, for the files to be written.
   */
  end(callId: string, by: DemoEndState): { endedAt: number; recordings: DemoRecording[]; announcements: DemoAnnouncement[] } {
    const call = this.require(callId);
    this.live.delete(callId);
    const endState = historyState(by, call.answeredAt !== undefined);
    this.ended.push({ call: { ...call }, endState });
    this.events.emit('call-ended', { ...call }, endState);
    return { endedAt: this.clock.now(), recordings: this.recordings.get(callId) ?? [], announcements: this.announcementsOf(callId) };
  }

  /** An announcement starts on a live call now. */
  announce(announcement: Omit<DemoAnnouncement, 'at'>): void {
    const made = { ...announcement, at: this.clock.now() };
    this.announcements.set(made.callId, [...(this.announcements.get(made.callId) ?? []), made]);
    this.events.emit('announcement', { ...made });
  }

  announcementsOf(callId: string): DemoAnnouncement[] {
    return (this.announcements.get(callId) ?? []).map((a) => ({ ...a }));
  }

  /** A copy of the live call, or undefined once it has ended (or never was). */
  find(callId: string): DemoCall | undefined {
    const call = this.live.get(callId);
    return call && { ...call };
  }

  liveCalls(): DemoCall[] {
    return [...this.live.values()].map((call) => ({ ...call }));
  }

  history(): readonly DemoHistoryRow[] {
    return this.ended;
  }

  startRecording(callId: string, format: 'mp3' | 'wav', finishedUrl: string | undefined): void {
    const list = this.recordings.get(callId) ?? [];
    list.push({ callId, format, finishedUrl, startedAt: this.clock.now() });
    this.recordings.set(callId, list);
  }

  recordingsOf(callId: string): DemoRecording[] {
    return (this.recordings.get(callId) ?? []).map((r) => ({ ...r }));
  }

  private require(callId: string): DemoCall {
    const call = this.live.get(callId);
    if (!call) throw new Error(`No call ${callId} on the demo PBX`);
    return call;
  }
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Short, case-sensitive mixed-case ids like the PBX's own ("uteom", "XzeOK", "23Xdz7"). */
export function newCallId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 6; i++) id += ID_CHARS.charAt(Math.floor(random() * ID_CHARS.length));
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
