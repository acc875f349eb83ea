import { randomBytes, randomUUID } from 'node:crypto';
import type { LiveCall } from '../ozeki/live-call.ts';
import type { OzekiClient } from '../ozeki/client.ts';
import { PbxError } from '../ozeki/errors.ts';
import { isMine } from './call-direction.ts';
import type { CallbackServer } from './callback-server.ts';
import type { JournalEntry } from './journal.ts';
import { isRecordingNow } from './lifecycle.ts';
import { linkFromError } from './monitor.ts';
import type { RecorderCore } from './recorder-core.ts';
import { isPaused, toggleSegments } from './segments.ts';
import type { ToggleResult } from './state.ts';

const UNCONFIRMED = 'Starting — no answer from the PBX yet. The PBX may be recording; no second Record is sent for this call.';
const STARTING = 'The recording is starting, one moment…';

/**
 * The record toggle (see the design's "record toggle on Ozeki"). First press: Record on the PBX, a kept segment
 * opens. Next presses: pause (the segment closes at this moment) and resume (a new one opens); the PBX goes on
 * recording, the paused parts are cut when saving.
 */
export class RecordToggle {
  /** Calls whose Record is on its way: a second press or an auto-record waits for its answer. */
  private readonly starting = new Set<string>();

  constructor(
    private readonly core: RecorderCore,
    private readonly parts: { client: OzekiClient; callbacks: CallbackServer; calls: () => readonly LiveCall[] },
  ) {}

  isStarting(callId: string): boolean {
    return this.starting.has(callId);
  }

  async toggle(callId: string): Promise<ToggleResult> {
    const journal = this.core.journal;
    const active = journal.all().find((e) => e.callId === callId && isRecordingNow(e));
    if (!active) return this.start(callId, false);
    if (active.state === 'unconfirmed') return { ok: false, message: UNCONFIRMED };
    if (active.state === 'requested' || active.ackAt === undefined) return { ok: false, message: STARTING };
    const segments = toggleSegments(active.segments, this.core.now() - active.ackAt);
    await journal.update(active.id, { segments });
    const paused = isPaused(segments);
    this.core.emit({ type: paused ? 'recording-paused' : 'recording-resumed', id: active.id, callId });
    this.core.changed();
    return { ok: true, status: paused ? 'paused' : 'recording', recordingId: active.id };
  }

  /** Toggles the call my extension takes part in (the tray's "Record my call"). */
  toggleMine(): Promise<ToggleResult> {
    const mine = this.core.settings.myExtension.trim();
    if (!mine) return Promise.resolve({ ok: false, message: 'Set "My extension" in the settings first.' });
    const candidates = this.parts.calls().filter((c) => isMine(c, mine));
    const call = candidates.find((c) => c.state === 'InCall') ?? candidates.find((c) => c.state === 'Hold') ?? candidates[0];
    if (!call) return Promise.resolve({ ok: false, message: `No call on extension ${mine} right now.` });
    return this.toggle(call.callId);
  }

  /**
   * Journals the recording, then sends Record. The PBX's answer decides: success → recording; an error, or a
   * Record that cannot have reached the PBX (refused, no such host) → nothing was recorded (the entry is
   * dismissed); no answer although the PBX may have received Record (a timeout, the connection closed after
   * sending: PbxError.mayHaveArrived) → unconfirmed: the PBX may be recording, so the entry and its secret stay, its
   * RecordCompleted is accepted, and no second Record is sent for the call.
   */
  async start(callId: string, auto: boolean): Promise<ToggleResult> {
    const { core } = this;
    const { callbacks } = this.parts;
    const call = this.parts.calls().find((c) => c.callId === callId);
    if (!call) return { ok: false, message: 'That call has ended or is not on the PBX any more.' };
    if (this.starting.has(callId)) return { ok: false, message: STARTING };
    if (!callbacks.baseUrl)
      return { ok: false, message: `Recording cannot start: the listener for finished recordings is not running (${callbacks.error ?? 'unknown reason'}).` };
    this.starting.add(callId);
    const entry = newEntry(call, core.settings.format, core.now(), auto);
    try {
      await core.journal.create(entry); // journaled before the PBX hears of it: a crash now still finds the recording
      core.logger.info(`Recording ${entry.id}: requested for call ${callId}${auto ? ' (auto-record)' : ''}.`);
      core.changed();
      try {
        await this.parts.client.record(callId, {
          format: entry.format,
          finishedUrl: callbacks.finishedUrl(entry.id, entry.secret),
          signal: core.stopping.signal,
        });
      } catch (error) {
        if (core.stopped) return { ok: false, message: 'Ozeki Recorder is stopping.' }; // resumed as unconfirmed
        if (error instanceof PbxError && error.mayHaveArrived) {
          await core.move(entry.id, 'unanswered');
          core.logger.warn(`Record for call ${callId}: ${error.message} The recording is kept as unconfirmed.`);
          core.emit({ type: 'recording-unconfirmed', id: entry.id, callId, auto });
          core.changed();
          return { ok: true, status: 'unconfirmed', recordingId: entry.id };
        }
        const message = `Could not start recording: ${linkFromError(error).message}`;
        await core.move(entry.id, 'refused', { failure: { kind: 'refused', message, retryable: false } });
        core.logger.warn(`Recording ${entry.id} for call ${callId}: ${message}`);
        core.changed();
        return { ok: false, message };
      }
      // A slow answer may come after RecordCompleted (even after the file was saved): the table then refuses it.
      // A call that still rings (as last polled) keeps nothing until it is answered: see CallReconciler.
      const ringing = this.parts.calls().find((c) => c.callId === callId)?.state === 'Ringing';
      const acknowledged = await core.move(entry.id, 'acknowledged', {
        ackAt: core.now(),
        segments: toggleSegments([], 0),
        ...(ringing ? { keptFromAnswer: true } : {}),
      });
      if (!acknowledged) return { ok: false, message: 'The call ended before the PBX answered; its recording is on its way to the folder.' };
      core.emit({ type: 'recording-started', id: entry.id, callId, auto });
      core.changed();
      return { ok: true, status: 'recording', recordingId: entry.id };
    } finally {
      this.starting.delete(callId);
    }
  }
}

/** A new recording of `call`, as journaled before Record is sent: its own id and secret for the FinishedURL. */
function newEntry(call: LiveCall, format: JournalEntry['format'], now: number, auto: boolean): JournalEntry {
  return {
    id: randomUUID(),
    secret: randomBytes(24).toString('base64url'),
    callId: call.callId,
    call: { source: call.source, destination: call.destination, callerId: call.callerId, startTime: call.startTime.toISOString() },
    format,
    ...(auto ? { auto: true } : {}),
    state: 'requested',
    requestedAt: now,
    segments: [],
    updatedAt: now,
  };
}
