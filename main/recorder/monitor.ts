import { EventEmitter } from 'node:events';
import type { LiveCall } from '../ozeki/live-call.ts';
import type { OzekiClient } from '../ozeki/client.ts';
import { OzekiError, PbxError } from '../ozeki/errors.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import { systemClock, type Clock } from './clock.ts';
import type { LinkState } from './link-state.ts';

export function linkFromError(error: unknown): LinkState {
  if (error instanceof OzekiError && error.isAuthentication) return { status: 'auth-failed', code: error.code, message: error.message };
  if (error instanceof PbxError && error.kind === 'misconfigured') return { status: 'misconfigured', message: error.message };
  if (error instanceof PbxError) return { status: 'unreachable', message: error.message };
  return { status: 'unreachable', message: `Unexpected problem talking to the PBX: ${String(error)}` };
}

/**
 * The most live calls the recorder follows (shows, auto-records). A front desk has a few dozen at most; following
 * thousands (19,000 were seen in a test) costs hundreds of MB and a second per poll. Beyond this the list is cut,
 * and the window says so.
 */
export const MAX_LIVE_CALLS = 500;

/** The calls to follow: the first MAX_LIVE_CALLS, plus any call being recorded that falls beyond them. */
export function followedCalls(calls: readonly LiveCall[], recording: ReadonlySet<string>): LiveCall[] {
  if (calls.length <= MAX_LIVE_CALLS) return [...calls];
  return [...calls.slice(0, MAX_LIVE_CALLS), ...calls.slice(MAX_LIVE_CALLS).filter((c) => recording.has(c.callId))];
}

/**
 * One poll's answer: every live call on the PBX, and when the poll was sent (on the monitor's clock). The PBX took
 * its snapshot somewhere between that moment and the answer's arrival, which a slow PBX or network may delay by
 * seconds: what the calls say (a call still ringing, its talk time) was surely true when the poll was sent.
 */
export interface PolledCalls {
  calls: LiveCall[];
  sentAt: number;
}

/** While the PBX is down, polls back off from twice the interval, doubling up to 30 s. */
const backoffFor = (intervalMs: number): BackoffPolicy => ({ baseMs: intervalMs * 2, capMs: Math.max(intervalMs, 30_000), jitter: 0.1 });

/** While the PBX's CallChanged notifications arrive, polls only this often (besides one per notification). */
export const SAFETY_NET_MS = 15_000;

/**
 * Polls ListActiveCalls every `intervalMs` on `clock`; while the PBX is down it backs off, doubling up to 30 s.
 * `refresh()` polls at once. `pushed()` (a CallChanged notification) polls at once too, and while notifications keep
 * coming (the last within `safetyNetMs`) the timer only polls every `safetyNetMs`, as a safety net for a lost one;
 * once they stop, it polls every `intervalMs` again. At most one poll is in flight and one more is pending, however
 * many refreshes are asked for. `stop()` abandons a poll in flight at once.
 */
export class CallMonitor extends EventEmitter<{ calls: [PolledCalls]; link: [LinkState] }> {
  /** Cancels the next poll's timer. */
  private cancelTimer = (): void => undefined;
  private running = false;
  private failures = 0;
  private polling: Promise<void> | undefined;
  private abandon = new AbortController();
  private again = false;
  private backoff: BackoffPolicy;
  private lastPushAt = -Infinity;
  /** When the PBX last answered a poll: a link that fails carries it, so the window can say how old the calls are. */
  private lastContactAt: number | undefined;
  link: LinkState = { status: 'connecting', message: 'Connecting to the PBX…' };

  constructor(
    private readonly client: OzekiClient,
    private intervalMs: number,
    private readonly clock: Clock = systemClock,
    private readonly safetyNetMs = SAFETY_NET_MS,
  ) {
    super();
    this.backoff = backoffFor(intervalMs);
  }

  /** A new poll interval (a setting the recorder takes live): used from the next poll on. */
  setIntervalMs(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.backoff = backoffFor(intervalMs);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abandon = new AbortController();
    void this.refresh();
  }

  stop(): Promise<void> {
    this.running = false;
    this.cancelTimer();
    this.abandon.abort();
    return this.polling ?? Promise.resolve();
  }

  /** Pauses or resumes polling ("Pause monitoring" in the tray). */
  setPaused(paused: boolean): void {
    if (paused) {
      void this.stop();
      this.setLink({ status: 'paused', message: 'Monitoring is paused.' });
    } else {
      this.start();
    }
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** The PBX said a call changed (CallChanged): polls now, and relies on further notifications rather than the timer. */
  pushed(): Promise<void> {
    this.lastPushAt = this.clock.now();
    return this.refresh();
  }

  /**
   * Polls now; a call while a poll is running asks for one more right after it, and resolves once that one is done
   * (the poll in flight may have started before what the caller wants to see: Try now after the PBX came back).
   */
  refresh(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.polling) {
      this.again = true;
      // The poll in flight ends by starting the next one (below), which is then this.polling.
      return this.polling.then(() => this.polling);
    }
    this.cancelTimer();
    this.polling = this.poll().finally(() => {
      this.polling = undefined;
      if (!this.running) return;
      if (this.again) {
        this.again = false;
        void this.refresh();
        return;
      }
      this.cancelTimer = this.clock.after(this.nextDelay(), () => void this.refresh());
    });
    return this.polling;
  }

  private nextDelay(): number {
    if (this.failures > 0) return backoffDelay(this.backoff, this.failures) ?? this.backoff.capMs;
    const pushesArrive = this.clock.now() - this.lastPushAt < this.safetyNetMs;
    return pushesArrive ? Math.max(this.safetyNetMs, this.intervalMs) : this.intervalMs;
  }

  private async poll(): Promise<void> {
    const signal = this.abandon.signal;
    const sentAt = this.clock.now();
    try {
      const calls = await this.client.listActiveCalls(signal);
      this.failures = 0;
      this.lastContactAt = this.clock.now();
      this.setLink({ status: 'connected', message: `Connected to the PBX at ${this.client.displayUrl}.` });
      this.emit('calls', { calls, sentAt });
    } catch (error) {
      if (signal.aborted) return; // stopped: not a problem with the PBX
      this.failures++;
      this.setLink(linkFromError(error));
    }
  }

  private setLink(status: LinkState): void {
    if (status.status === this.link.status && status.message === this.link.message) return;
    // The moment of the last contact is set once, when the link goes bad: a poll that fails again changes nothing.
    const link = status.status === 'connected' || this.lastContactAt === undefined ? status : { ...status, lastContactAt: this.lastContactAt };
    this.link = link;
    this.emit('link', link);
  }
}
