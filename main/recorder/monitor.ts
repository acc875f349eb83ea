import { EventEmitter } from 'node:events';
import type { LiveCall } from '../ozeki/live-call.ts';
import type { OzekiClient } from '../ozeki/client.ts';
import { OzekiError, PbxError } from '../ozeki/errors.ts';
import type { LinkState } from './link-state.ts';

export function linkFromError(error: unknown): LinkState {
  if (error instanceof OzekiError && error.isAuthentication) return { status: 'auth-failed', code: error.code, message: error.message };
  if (error instanceof PbxError && error.kind === 'misconfigured') return { status: 'misconfigured', message: error.message };
  if (error instanceof PbxError) return { status: 'unreachable', message: error.message };
  return { status: 'unreachable', message: `Unexpected problem talking to the PBX: ${String(error)}` };
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Polls ListActiveCalls every `intervalMs`; while the PBX is down it backs off, doubling up to 30 s.
 * `refresh()` polls at once (a CallChanged notification calls it).
 */
export class CallMonitor extends EventEmitter<{ calls: [LiveCall[]]; link: [LinkState] }> {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private failures = 0;
  private polling: Promise<void> | undefined;
  private again = false;
  link: LinkState = { status: 'connecting', message: 'Connecting to the PBX…' };

  constructor(
    private readonly client: OzekiClient,
    private readonly intervalMs: number,
  ) {
    super();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.refresh();
  }

  stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
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

  /** Polls now; a call while a poll is running asks for one more right after it. */
  refresh(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.polling) {
      this.again = true;
      return this.polling;
    }
    clearTimeout(this.timer);
    this.polling = this.poll().finally(() => {
      this.polling = undefined;
      if (!this.running) return;
      if (this.again) {
        this.again = false;
        void this.refresh();
        return;
      }
      const delay = this.failures === 0 ? this.intervalMs : Math.min(MAX_BACKOFF_MS, this.intervalMs * 2 ** this.failures);
      this.timer = setTimeout(() => void this.refresh(), delay);
      this.timer.unref?.();
    });
    return this.polling;
  }

  private async poll(): Promise<void> {
    try {
      const calls = await this.client.listActiveCalls();
      this.failures = 0;
      this.setLink({ status: 'connected', message: `Connected to the PBX at ${this.client.displayUrl}.` });
      this.emit('calls', calls);
    } catch (error) {
      this.failures++;
      this.setLink(linkFromError(error));
    }
  }

  private setLink(link: LinkState): void {
    if (link.status === this.link.status && link.message === this.link.message) return;
    this.link = link;
    this.emit('link', link);
  }
}
