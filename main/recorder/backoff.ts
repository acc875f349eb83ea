/**
 * How long to wait before trying again, for every retry in the recorder (a failed download, a PBX that does not
 * answer, a Record the PBX refused): exponential from `baseMs`, capped at `capMs`, with jitter so that many
 * recordings failing together do not retry in lock step. `maxAttempts` gives up where retrying for ever makes
 * no sense; the caller then leaves the recording failed with a Retry button.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Share of the delay that is random, 0…1 (0.2: the delay is 80–100 % of the exponential value). */
  jitter: number;
  maxAttempts?: number;
}

/** The pause before attempt `attempt` (1 = the first retry), or undefined when the policy gives up. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number | undefined {
  if (policy.maxAttempts !== undefined && attempt > policy.maxAttempts) return undefined;
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 - policy.jitter * random()));
}

/** A failed download or save: soon at first, then every 5 minutes at most, for about a day. */
export const SAVE_RETRY: BackoffPolicy = { baseMs: 15_000, capMs: 300_000, jitter: 0.2, maxAttempts: 300 };

/** Attempts within one download (a drop, a 5xx): quick, since the download resumes where it stopped. */
export const DOWNLOAD_RETRY: BackoffPolicy = { baseMs: 500, capMs: 10_000, jitter: 0.2 };

/** A Record the PBX refused for an auto-recorded call: the call may become recordable a moment later. */
export const AUTO_RECORD_RETRY: BackoffPolicy = { baseMs: 2_000, capMs: 60_000, jitter: 0.2, maxAttempts: 8 };
