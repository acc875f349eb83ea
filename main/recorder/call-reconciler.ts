import type { LiveCall } from '../ozeki/live-call.ts';
import type { AutoRecorder } from './auto-recorder.ts';
import { NEVER_ANSWERED } from './call-answered.ts';
import type { JournalEntry } from './journal.ts';
import { LatestOnly } from './latest-only.ts';
import { awaitsFile, isRecordingNow } from './lifecycle.ts';
import { followedCalls, type PolledCalls } from './monitor.ts';
import type { RecorderCore } from './recorder-core.ts';
import { keptFrom, sameSegments } from './segments.ts';

const MISSED = 'The call ended but the PBX never said the recording was ready. Check that the PBX can reach this computer (see Test listener).';
const MISSED_UNCONFIRMED = 'The PBX never answered the Record command, and no recording came when the call ended.';
const MISSED_WHILE_STOPPED = 'Missed — the PBX finished it while Ozeki Recorder was not running, and the PBX does not send a recording twice.';

/** A Record the PBX answered with an error: nothing was recorded. */
const refusedByPbx = (e: Readonly<JournalEntry>) => e.state === 'dismissed' && e.failure?.kind === 'refused';

/**
 * Keeps the recorder in step with the PBX's live calls, poll by poll (only the latest poll is handled: a slow
 * one never queues up stale ones): the calls shown, call-seen and call-ended events, auto-record, and the
 * recordings whose call is gone — they wait for RecordCompleted until missedAfterMs, then are called missed.
 */
export class CallReconciler {
  private followed: LiveCall[] = [];
  private total = 0;
  private seen = new Set<string>();
  /** Recordings of the last run whose call was going when it stopped: checked against the first poll. */
  private carriedOver: Set<string> | undefined = new Set();
  private readonly polls = new LatestOnly<PolledCalls>((polled) => this.reconcile(polled));

  constructor(
    private readonly core: RecorderCore,
    private readonly parts: {
      autoRecorder: AutoRecorder;
      isStarting: (callId: string) => boolean;
      /** Whether the PBX says call `callId` ended without being answered (call-answered.ts). */
      endedUnanswered: (callId: string) => Promise<boolean>;
    },
  ) {}

  /** The live calls followed (shown, auto-recorded): see followedCalls. */
  get calls(): readonly LiveCall[] {
    return this.followed;
  }

  /** How many live calls the PBX reported in the last poll. */
  get callsTotal(): number {
    return this.total;
  }

  /** A poll's answer: every live call on the PBX, and when the poll was sent. */
  offer(polled: PolledCalls): void {
    this.core.tasks.run('Handling the list of calls', () => this.polls.offer(polled));
  }

  /**
   * A recording of the last run that waits for its file. Its call ended while the recorder was stopped: missed,
   * after the rest of missedAfterMs. Its call was going: the first poll tells whether it still is.
   */
  resume(entry: Readonly<JournalEntry>): void {
    if (entry.endedAt !== undefined) this.scheduleMissed(entry.id, Math.max(0, entry.endedAt + this.core.settings.missedAfterMs - this.core.now()));
    else this.carriedOver?.add(entry.id);
  }

  private async reconcile({ calls: all, sentAt }: PolledCalls): Promise<void> {
    const { core } = this;
    const journal = core.journal;
    const now = this.core.now();
    const live = new Set(all.map((c) => c.callId));
    const calls = followedCalls(
      all,
      new Set(
        journal
          .all()
          .filter(isRecordingNow)
          .map((e) => e.callId),
      ),
    );
    const followed = new Set(calls.map((c) => c.callId));
    for (const call of calls) if (!this.seen.has(call.callId)) core.emit({ type: 'call-seen', call });
    for (const id of this.seen) if (!followed.has(id)) core.emit({ type: 'call-ended', callId: id });
    this.seen = followed;
    this.followed = calls;
    this.total = all.length;
    // Recordings of the last run whose call ended while the recorder was stopped: the PBX's one POST was refused.
    // Each is reported in the background, all at once: one may wait on the PBX's call history (markMissed), and a
    // slow history must hold neither the calls shown nor auto-record. Its end is journaled first, so the loop below
    // leaves it alone.
    const carriedOver = this.carriedOver;
    this.carriedOver = undefined;
    for (const id of carriedOver ?? []) {
      const entry = journal.get(id);
      if (!entry || !isRecordingNow(entry) || live.has(entry.callId)) continue;
      await journal.update(id, { endedAt: now });
      core.tasks.run(`Reporting recording ${id}, whose call ended while the recorder was stopped`, () => this.markMissed(id, MISSED_WHILE_STOPPED));
    }
    // A recording whose call is gone: the PBX will now write the file. Wait for RecordCompleted, or call it missed.
    for (const entry of journal.all()) {
      if (isRecordingNow(entry) && !live.has(entry.callId)) {
        await journal.update(entry.id, { endedAt: now });
        this.scheduleMissed(entry.id, core.settings.missedAfterMs);
      }
    }
    await this.keepFromAnswer(calls, sentAt);
    // A call with a recording is not recorded again; one whose Record the PBX refused may be (auto-record's retry).
    const recorded = new Set(
      journal
        .all()
        .filter((e) => !refusedByPbx(e))
        .map((e) => e.callId),
    );
    this.parts.autoRecorder.consider(calls, live, (callId) => recorded.has(callId) || this.parts.isStarting(callId));
    core.changed();
  }

  /**
   * A recording started while its call rang keeps nothing of the ringing. While a poll shows the call still ringing,
   * its kept segments start no earlier than the moment that poll was sent (`sentAt`), so the journal always knows how
   * much of the file is surely ringing (a call that ends unseen, or a restart, finds it there). Once a poll shows the
   * call answered, they start its talk time before that poll was sent. Both count from the poll's sending, never
   * from its answer's arrival: the PBX took its snapshot in between, and a slow answer counted from its arrival
   * would take its delay for ringing and cut the opening words of a call answered meanwhile. Counted from the
   * sending, a slow answer keeps a little ringing at worst; the kept time then runs ahead of the talk time by it.
   */
  private async keepFromAnswer(calls: readonly LiveCall[], sentAt: number): Promise<void> {
    const byId = new Map(calls.map((c) => [c.callId, c]));
    for (const entry of this.core.journal.all()) {
      const call = byId.get(entry.callId);
      if (!entry.keptFromAnswer || entry.ackAt === undefined || !call || !isRecordingNow(entry)) continue;
      const elapsed = sentAt - entry.ackAt;
      if (call.state === 'Ringing') {
        const segments = keptFrom(entry.segments, elapsed);
        if (!sameSegments(segments, entry.segments)) await this.core.journal.update(entry.id, { segments });
      } else {
        await this.core.journal.update(entry.id, { keptFromAnswer: false, segments: keptFrom(entry.segments, elapsed - call.talkSeconds * 1000) });
      }
    }
  }

  private scheduleMissed(id: string, delayMs: number): void {
    this.core.after(delayMs, 'Reporting a missed recording', async () => {
      const entry = this.core.journal.get(id);
      if (entry && awaitsFile(entry.state)) await this.markMissed(id, entry.state === 'unconfirmed' ? MISSED_UNCONFIRMED : MISSED);
    });
  }

  /**
   * A recording whose call ended without a file coming: missed — unless it was recorded while its call rang, never
   * seen answered, and the PBX says nobody answered: then nothing was said, and nothing is missing (a PBX may well
   * send no file for such a call). A late RecordCompleted still rescues either.
   */
  private async markMissed(id: string, message: string): Promise<void> {
    const recorded = this.core.journal.get(id);
    if (recorded?.keptFromAnswer && (await this.parts.endedUnanswered(recorded.callId))) {
      // A RecordCompleted that came while the history was read took the recording on: its save decides.
      const still = this.core.journal.get(id);
      if (!this.core.stopped && still && awaitsFile(still.state)) await this.core.discard(id, NEVER_ANSWERED);
      return;
    }
    const entry = await this.core.move(id, 'missed', { failure: { kind: 'missed', message, retryable: false } });
    if (!entry) return;
    this.core.logger.warn(`Recording ${id} missed: ${message}`);
    this.core.emit({ type: 'recording-missed', id, callId: entry.callId, message });
    this.core.changed();
  }
}
