import type { LiveCall } from '../ozeki/live-call.ts';
import { parseAutoRecord, shouldAutoRecord, type AutoRecordRule } from './auto-record.ts';
import { AUTO_RECORD_RETRY, backoffDelay } from './backoff.ts';
import type { RecorderCore } from './recorder-core.ts';
import type { ToggleResult } from './state.ts';

/**
 * Records calls by the auto-record setting. A Record the PBX refuses is tried again with backoff (the call may
 * become recordable a moment later), not on every poll, and the user is told.
 */
export class AutoRecorder {
  private rule: AutoRecordRule = { kind: 'none' };
  /** Calls the PBX refused to record: how often, and not before when to try again. */
  private readonly retries = new Map<string, { attempt: number; notBefore: number; problem: string }>();

  constructor(
    private readonly core: RecorderCore,
    private readonly record: (callId: string) => Promise<ToggleResult>,
  ) {
    this.readRule();
  }

  /** Reads the auto-record setting (again, when it changed while running); a bad rule records nothing, and says so. */
  readRule(): void {
    const rule = parseAutoRecord(this.core.settings.autoRecord);
    this.rule = 'error' in rule ? { kind: 'none' } : rule;
    if ('error' in rule) this.core.warn({ kind: 'auto-record-off', message: `Auto-record is off: ${rule.error}` });
  }

  /** Why auto-record could not record a call, while it could not (shown on the call's row). */
  problemOf(callId: string): string | undefined {
    return this.retries.get(callId)?.problem;
  }

  /**
   * Starts recording each of `calls` the rule asks for, except those `skip` names (already recorded or starting).
   * `live` is every call on the PBX: a refused call that left it is forgotten.
   */
  consider(calls: readonly LiveCall[], live: ReadonlySet<string>, skip: (callId: string) => boolean): void {
    for (const id of this.retries.keys()) if (!live.has(id)) this.retries.delete(id);
    const now = this.core.now();
    for (const call of calls) {
      if (skip(call.callId) || (this.retries.get(call.callId)?.notBefore ?? 0) > now) continue;
      if (shouldAutoRecord(this.rule, call)) this.core.tasks.run(`Auto-record of call ${call.callId}`, () => this.start(call));
    }
  }

  private async start(call: LiveCall): Promise<void> {
    const result = await this.record(call.callId);
    if (result.ok || this.core.stopped) {
      this.retries.delete(call.callId);
      return;
    }
    const attempt = (this.retries.get(call.callId)?.attempt ?? 0) + 1;
    // A recording that did not go ahead because its announcement failed is not tried again: the caller would hear
    // the attempts, and the setting said not to record without it.
    const delay = result.retryable === false ? undefined : backoffDelay(AUTO_RECORD_RETRY, attempt);
    const next = delay === undefined ? 'It is not tried again for this call.' : `Trying again in ${Math.ceil(delay / 1000)} s.`;
    this.retries.set(call.callId, { attempt, notBefore: delay === undefined ? Infinity : this.core.now() + delay, problem: `Auto-record: ${result.message}` });
    this.core.warn({ kind: 'auto-record-failed', message: `Auto-record of ${call.source} → ${call.destination} failed: ${result.message} ${next}` });
  }
}
