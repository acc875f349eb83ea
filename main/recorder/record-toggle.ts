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
import { announcementPlan, type AnnouncementRecord, type Announcer } from './announcement.ts';
import type { AnnounceOrder, RecorderSettings } from './settings.ts';

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
  /** Recordings being announced now: whether they may be saved is not known yet. */
  private readonly announcing = new Set<string>();

  constructor(
    private readonly core: RecorderCore,
    private readonly parts: {
      client: OzekiClient;
      callbacks: CallbackServer;
      announcer: Announcer;
      calls: () => readonly LiveCall[];
      /** The announcement of recording `id` is over, either way: a save held back for it may go on (SaveQueue). */
      announcementSettled: (id: string) => void;
    },
  ) {}

  isStarting(callId: string): boolean {
    return this.starting.has(callId);
  }

  /**
   * Whether recording `id` is being announced now. Its call may end meanwhile (record then announce), and its
   * RecordCompleted come: the save queue holds it back until the announcement says whether it may be saved.
   */
  isAnnouncing(id: string): boolean {
    return this.announcing.has(id);
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
   * Announces the call for a recording journaled as requested. Done: noted on the recording. Failed: by the setting,
   * either noted (the recording goes ahead, and its call says it was not announced), or the recording ends here
   * (dismissed, marked not recorded so that its RecordCompleted, if the PBX had started, is answered but not saved)
   * and the toggle's answer says why. Returns that answer when the recording does not go ahead.
   */
  private async announceOrFail(entry: JournalEntry, plan: AnnouncementRecord, settings: RecorderSettings): Promise<ToggleResult | undefined> {
    this.announcing.add(entry.id);
    try {
      return await this.announceOrFailNow(entry, plan, settings);
    } finally {
      this.announcing.delete(entry.id);
      this.parts.announcementSettled(entry.id);
    }
  }

  private async announceOrFailNow(entry: JournalEntry, plan: AnnouncementRecord, settings: RecorderSettings): Promise<ToggleResult | undefined> {
    const { core } = this;
    const { id, callId } = entry;
    const problem = await this.parts.announcer.announce(callId, settings);
    if (core.stopped) return { ok: false, message: 'Ozeki Recorder is stopping.' }; // resumed as unconfirmed
    if (problem === undefined) {
      await core.journal.update(id, { announcement: { ...plan, outcome: 'announced' } });
      core.emit({ type: 'announced', id, callId, how: plan.how });
      core.changed();
      return undefined;
    }
    const recorded = settings.announceFailure === 'record';
    core.logger.warn(
      `Recording ${id} for call ${callId}: ${problem} ${recorded ? 'Recording anyway, as the settings say.' : 'Not recording, as the settings say.'}`,
    );
    const failed: AnnouncementRecord = { ...plan, outcome: 'failed', problem, ...(recorded ? {} : { notRecorded: true }) };
    core.emit({ type: 'announcement-failed', id, callId, message: problem, recorded });
    if (recorded) {
      await core.journal.update(id, { announcement: failed });
      core.changed();
      return undefined;
    }
    const message = notRecordedMessage(problem, plan.order);
    const failure = { kind: 'refused' as const, message, retryable: false };
    if (!(await core.move(id, 'refused', { announcement: failed, failure }))) {
      // The call ended while it was announced (record then announce): its RecordCompleted came first, and the save
      // queue held it back (isAnnouncing). Marked not recorded, it is dismissed there without being saved.
      await core.journal.update(id, { announcement: failed, failure });
    }
    core.changed();
    return { ok: false, message, retryable: false };
  }

  /**
   * "Record without announcement": starts recording one call without the announcement, where the settings allow
   * it (announcements on, skipping allowed); refused in words otherwise.
   */
  recordWithoutAnnouncement(callId: string): Promise<ToggleResult> {
    const { settings } = this.core;
    if (settings.announce === 'off') return Promise.resolve({ ok: false, message: 'Announcements are off: Record records without one.' });
    if (!settings.announceSkippable) {
      return Promise.resolve({ ok: false, message: 'Recording without the announcement is not allowed: the settings say every recording is announced.' });
    }
    if (this.core.journal.all().some((e) => e.callId === callId && isRecordingNow(e))) {
      return Promise.resolve({ ok: false, message: 'This call is being recorded already.' });
    }
    return this.start(callId, false, { skipAnnouncement: true });
  }

  /**
   * Journals the recording, then announces and sends Record in the order the settings say (announcement.ts). The
   * PBX's answer to Record decides: success → recording; an error, or a Record that cannot have reached the PBX
   * (refused, no such host) → nothing was recorded (the entry is dismissed); no answer although the PBX may have
   * received Record (a timeout, the connection closed after sending: PbxError.mayHaveArrived) → unconfirmed: the PBX
   * may be recording, so the entry and its secret stay, its RecordCompleted is accepted, and no second Record is sent
   * for the call (nor an announcement after it: the PBX is not answering). An announcement that fails is noted on
   * the recording, or ends it, as the settings say (see announceOrFail).
   */
  async start(callId: string, auto: boolean, options: { skipAnnouncement?: boolean } = {}): Promise<ToggleResult> {
    const { core } = this;
    const { callbacks } = this.parts;
    const call = this.parts.calls().find((c) => c.callId === callId);
    if (!call) return { ok: false, message: 'That call has ended or is not on the PBX any more.' };
    if (this.starting.has(callId)) return { ok: false, message: STARTING };
    if (!callbacks.baseUrl)
      return { ok: false, message: `Recording cannot start: the listener for finished recordings is not running (${callbacks.error ?? 'unknown reason'}).` };
    this.starting.add(callId);
    const settings = core.settings; // one recording, one set of settings, even if they change meanwhile
    const announcement = announcementPlan(settings, options.skipAnnouncement ?? false);
    const entry = newEntry(call, settings.format, core.now(), { auto, announcement });
    const announceNow = async (order: AnnounceOrder) =>
      announcement?.outcome === 'pending' && announcement.order === order ? this.announceOrFail(entry, announcement, settings) : undefined;
    try {
      await core.journal.create(entry); // journaled before the PBX hears of it: a crash now still finds the recording
      core.logger.info(`Recording ${entry.id}: requested for call ${callId}${auto ? ' (auto-record)' : ''}.`);
      core.changed();
      const notAnnounced = await announceNow('announce-first');
      if (notAnnounced) return notAnnounced;
      try {
        await this.parts.client.record(callId, {
          format: entry.format,
          finishedUrl: callbacks.finishedUrl(entry.id, entry.secret),
          signal: core.stopping.signal,
        });
      } catch (error) {
        if (core.stopped) return { ok: false, message: 'Ozeki Recorder is stopping.' }; // resumed as unconfirmed
        if (error instanceof PbxError && error.mayHaveArrived) {
          const unannounced =
            announcement?.outcome === 'pending'
              ? { announcement: { ...announcement, outcome: 'failed' as const, problem: 'The PBX did not answer Record, so the call was not announced.' } }
              : {};
          await core.move(entry.id, 'unanswered', unannounced);
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
      const ackAt = core.now(); // offset 0 of the PBX's file: an announcement made now is in it
      const withdrawn = await announceNow('record-first');
      if (withdrawn) return withdrawn;
      // A slow answer may come after RecordCompleted (even after the file was saved): the table then refuses it.
      // A call that still rings (as last polled) keeps nothing until it is answered: see CallReconciler.
      const ringing = this.parts.calls().find((c) => c.callId === callId)?.state === 'Ringing';
      const acknowledged = await core.move(entry.id, 'acknowledged', {
        ackAt,
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

/** Words for a recording that does not go ahead because its announcement failed. */
function notRecordedMessage(problem: string, order: AnnounceOrder): string {
  return order === 'announce-first'
    ? `Not recording, because the call could not be announced: ${problem}`
    : `Not recording, because the call could not be announced: ${problem} The PBX had started recording; nothing of this call is saved.`;
}

/** A new recording of `call`, as journaled before Record is sent: its own id and secret for the FinishedURL. */
function newEntry(
  call: LiveCall,
  format: JournalEntry['format'],
  now: number,
  { auto, announcement }: { auto: boolean; announcement: AnnouncementRecord | undefined },
): JournalEntry {
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
    ...(announcement ? { announcement } : {}),
    updatedAt: now,
  };
}
