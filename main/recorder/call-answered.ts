import type { OzekiClient } from '../ozeki/client.ts';
import type { Logger } from './logger.ts';

/** What the window, the tray and the CLI say about a recording whose call was never answered. */
export const NEVER_ANSWERED = 'Not saved — the call was never answered.';

/**
 * ASSUMPTION — a guess about an undocumented API: the states GetCallHistory gives a call, or one leg of a call, that
 * ended without being answered, lower-cased. The docs list no history states (ozeki-http-api.md, section 8, has seen
 * only TransferCompleted, CalleeHungUp and CallerHangUp); these are CallState's Cancelled (the caller gave up while
 * it rang) and Busy (rejected, or rang out), the routing states' NoAnswer, and spellings other Ozeki versions may
 * use. This is the one place the recorder names them.
 */
const UNANSWERED_HISTORY_STATES: ReadonlySet<string> = new Set(['cancelled', 'busy', 'noanswer', 'notanswered', 'missed', 'rejected']);

/** History rows asked for one call: far more legs than a ring group or a chain of forwards makes. */
const HISTORY_ROWS = 100;

/**
 * Whether a call's history rows say it was never answered: at least one row, and every row in an unanswered state.
 * A PBX may write a row per leg under one CallId (a ring group; a forward on no answer whose first leg says NoAnswer
 * or Busy and whose forwarded leg was answered): one answered leg, or one state not known here, means a
 * conversation may be in the recording.
 */
function neverAnswered(states: readonly string[]): boolean {
  return states.length > 0 && states.every((state) => UNANSWERED_HISTORY_STATES.has(state.trim().toLowerCase()));
}

/**
 * Whether the PBX's call history says call `callId` ended without ever being answered. A recording started while
 * its call rang keeps nothing of the ringing; the recorder saw the call ring until its last poll, but not whether it
 * was answered a moment before it ended (or while the recorder was not running). Only the PBX's word that it was not
 * answered makes it so (neverAnswered): an answered leg, a state not known here, no row for the call, rows beyond
 * the page read, or a history that cannot be read all give false — the recording is then saved from the last moment
 * the call was seen ringing, so nothing of a conversation is lost on a guess. What the history said, or why it
 * could not tell, is logged.
 */
export async function endedUnanswered(
  client: Pick<OzekiClient, 'getCallHistory'>,
  callId: string,
  { signal, logger }: { signal?: AbortSignal; logger: Logger },
): Promise<boolean> {
  try {
    const page = await client.getCallHistory({ callId, rowsPerPage: HISTORY_ROWS }, signal);
    const states = page.calls.filter((c) => c.callId === callId).map((c) => c.state.trim());
    const allRead = page.numberOfCalls <= page.calls.length;
    const unanswered = allRead && neverAnswered(states);
    const said = states.length === 0 ? 'nothing of it' : states.map((state) => `"${state}"`).join(', ');
    logger.info(
      `Call ${callId} was seen ringing until its recording's last poll; the PBX's call history says ${said}${allRead ? '' : ` (of ${page.numberOfCalls} rows)`}: ${unanswered ? 'never answered' : 'kept from the last ring seen'}.`,
    );
    return unanswered;
  } catch (error) {
    logger.warn(
      `Could not read the PBX's call history for call ${callId} (${error instanceof Error ? error.message : String(error)}); its recording is kept from the last ring seen.`,
    );
    return false;
  }
}
