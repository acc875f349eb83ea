import type { OzekiClient } from '../ozeki/client.ts';
import type { Logger } from './logger.ts';

/** What the window, the tray and the CLI say about a recording whose call was never answered. */
export const NEVER_ANSWERED = 'Not saved — the call was never answered.';

/**
 * How GetCallHistory names a call that ended without being answered, lower-cased: CallState's Cancelled (the caller
 * gave up while it rang) and Busy (rejected, or rang out), the routing states' NoAnswer, and the spellings other
 * Ozeki versions may use. The docs do not list the history's states (ozeki-http-api.md, section 8).
 */
const UNANSWERED_STATES = new Set(['cancelled', 'busy', 'noanswer', 'notanswered', 'missed', 'rejected']);

/**
 * Whether the PBX's call history says call `callId` ended without ever being answered. A recording started while
 * its call rang keeps nothing of the ringing; the recorder saw the call ring until its last poll, but not whether it
 * was answered a moment before it ended (or while the recorder was not running). Only the PBX's word that it was not
 * answered makes it so: an answered state, a state not known here, no row for the call, or a history that cannot be
 * read all give false — the recording is then saved from the last moment the call was seen ringing, so nothing of a
 * conversation is lost on a guess. What the history said, or why it could not tell, is logged.
 */
export async function endedUnanswered(
  client: Pick<OzekiClient, 'getCallHistory'>,
  callId: string,
  { signal, logger }: { signal?: AbortSignal; logger: Logger },
): Promise<boolean> {
  try {
    const page = await client.getCallHistory({ callId }, signal);
    const state = page.calls.find((c) => c.callId === callId)?.state.trim();
    const unanswered = state !== undefined && UNANSWERED_STATES.has(state.toLowerCase());
    logger.info(
      `Call ${callId} was seen ringing until its recording's last poll; the PBX's call history says ${state === undefined ? 'nothing of it' : `"${state}"`}: ${unanswered ? 'never answered' : 'kept from the last ring seen'}.`,
    );
    return unanswered;
  } catch (error) {
    logger.warn(
      `Could not read the PBX's call history for call ${callId} (${error instanceof Error ? error.message : String(error)}); its recording is kept from the last ring seen.`,
    );
    return false;
  }
}
