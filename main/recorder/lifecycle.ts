import type { Journal, JournalEntry } from './journal.ts';
import type { RecordingState } from './state.ts';

/**
 * What can happen to a recording. Each event is something the recorder learned or decided:
 * - acknowledged: the PBX answered Record with success.
 * - unanswered: no answer to Record came in time; the PBX may be recording all the same.
 * - refused: the PBX answered Record with an error (or could not be reached): nothing is being recorded.
 * - notified: RecordCompleted arrived with the file's address.
 * - download-started, downloaded, saved: the steps of bringing the file into the folder.
 * - queued: the finished file is kept on this computer (the local queue), as the folder cannot be reached; `saved`
 *   follows once it is moved into the folder.
 * - failed: a step failed (the failure says whether retrying can help).
 * - missed: the call ended and RecordCompleted never came (or came while the recorder was not running).
 * - retried: the user asked to try a failed recording again.
 * - dismissed: the user cleared a failed or missed recording from the list.
 * - discarded: the recorder keeps nothing of it, by design rather than by failure: its call was never answered (so
 *   nothing was said), or its announcement failed with the settings saying not to record then.
 */
export const LIFE_EVENTS = [
  'acknowledged',
  'unanswered',
  'refused',
  'notified',
  'download-started',
  'downloaded',
  'saved',
  'queued',
  'failed',
  'missed',
  'retried',
  'dismissed',
  'discarded',
] as const;
export type LifeEvent = (typeof LIFE_EVENTS)[number];

export const RECORDING_STATES = [
  'requested',
  'unconfirmed',
  'recording',
  'completed',
  'downloading',
  'saving',
  'queued',
  'saved',
  'failed',
  'missed',
  'dismissed',
] as const satisfies readonly RecordingState[];

/**
 * The whole life cycle, one row per state: the events it accepts and where each leads. Anything not listed is a
 * backward or meaningless move (a late Record answer for a saved recording, a second RecordCompleted) and is
 * refused. `saved` is final. A late RecordCompleted still rescues a missed or dismissed recording: the file
 * exists, so nothing is lost. `downloading` and `saving` accept `download-started` again: a save resumed after a
 * restart begins its download step anew. `completed` and `failed` accept `saved`: a save resumed after a crash
 * may find the file already under its journaled name, and then only finishes it; they accept `queued` for the same
 * reason, when that name is in the local queue. `queued` leads only to `saved`: the file on this computer is the
 * only copy, so it is never failed or dismissed. `discarded` ends a recording whose file is of no use before its
 * save begins: from `completed` (the file was announced), or from `recording` (the call ended and no file came).
 */
const TABLE: { readonly [S in RecordingState]: { readonly [E in LifeEvent]?: RecordingState } } = {
  requested: { acknowledged: 'recording', unanswered: 'unconfirmed', refused: 'dismissed', notified: 'completed', missed: 'missed' },
  unconfirmed: { acknowledged: 'recording', notified: 'completed', missed: 'missed' },
  recording: { notified: 'completed', missed: 'missed', discarded: 'dismissed' },
  completed: { 'download-started': 'downloading', saved: 'saved', queued: 'queued', failed: 'failed', discarded: 'dismissed' },
  downloading: { 'download-started': 'downloading', downloaded: 'saving', failed: 'failed' },
  saving: { 'download-started': 'downloading', saved: 'saved', queued: 'queued', failed: 'failed' },
  queued: { saved: 'saved' },
  saved: {},
  failed: { 'download-started': 'downloading', saved: 'saved', queued: 'queued', failed: 'failed', retried: 'completed', dismissed: 'dismissed' },
  missed: { notified: 'completed', dismissed: 'dismissed' },
  dismissed: { notified: 'completed' },
};

/** The state `event` leads to from `state`, or undefined when the table refuses the move. */
export function nextState(state: RecordingState, event: LifeEvent): RecordingState | undefined {
  return TABLE[state][event];
}

/** Asked for and not yet given a file by the PBX: the PBX is (or may be) recording it now. */
export function awaitsFile(state: RecordingState): boolean {
  return state === 'requested' || state === 'unconfirmed' || state === 'recording';
}

/** Asked for, and its call still going: the PBX is (or may be) recording it now. */
export function isRecordingNow(entry: Readonly<Pick<JournalEntry, 'state' | 'endedAt'>>): boolean {
  return awaitsFile(entry.state) && entry.endedAt === undefined;
}

/** Still to be brought into the folder: resumed at start. */
export function isSaving(state: RecordingState): boolean {
  return state === 'completed' || state === 'downloading' || state === 'saving';
}

/** The outcome of a move: the entry as journaled, or why the table refused it. */
export type Moved = { ok: true; entry: Readonly<JournalEntry> } | { ok: false; reason: string };

/**
 * Moves a journaled recording by `event` (with `change` merged in), once the journal holds it on disk. The one way a
 * recording's state changes; a move the table refuses writes nothing.
 */
export async function moveRecording(journal: Journal, id: string, event: LifeEvent, change: Partial<Omit<JournalEntry, 'id' | 'state'>> = {}): Promise<Moved> {
  const entry = journal.get(id);
  if (!entry) return { ok: false, reason: `recording ${id} is not in the journal` };
  const state = nextState(entry.state, event);
  if (state === undefined) return { ok: false, reason: `"${event}" ignored in state ${entry.state}` };
  return { ok: true, entry: await journal.update(id, { ...change, state }) };
}
