import { stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, win32 } from 'node:path';
import type { OzekiClient, Party } from '../ozeki/client.ts';
import { OzekiError, PbxError } from '../ozeki/errors.ts';
import type { AnnouncementFiles } from './announcement-files.ts';
import { audioFileProblem } from './audio-signature.ts';
import type { AnnounceOrder, AnnounceParty, RecorderSettings } from './settings.ts';

/**
 * Whether and how a recording was announced to the other party, as journaled and written into its sidecar.
 * - pending: not done yet (the recorder stopped before it knew, if it stays so);
 * - announced: the PBX accepted Speak or Play;
 * - failed: it did not, for `problem`; the recording went ahead (the "record anyway" setting);
 * - skipped: the user chose "Record without announcement" for this call.
 * `notRecorded`: the announcement failed and the setting said not to record: nothing of the call is saved.
 */
export interface AnnouncementRecord {
  /** text: the PBX said a text (Speak); file: it played an audio file (Play). */
  how: 'text' | 'file';
  /** The text said, or the audio file's name. */
  what: string;
  party: AnnounceParty;
  order: AnnounceOrder;
  outcome: 'pending' | 'announced' | 'failed' | 'skipped';
  /** Why it failed, in words. */
  problem?: string;
  notRecorded?: boolean;
}

/** A recording's announcement as the UIs and the sidecar tell it: the journal's, less what only the recorder needs. */
export type ShownAnnouncement = Omit<AnnouncementRecord, 'notRecorded'>;

export function shownAnnouncement(record: AnnouncementRecord): ShownAnnouncement {
  const { how, what, party, order, outcome, problem } = record;
  return { how, what, party, order, outcome, ...(problem === undefined ? {} : { problem }) };
}

/** How a new recording is to be announced by the settings; undefined when announcements are off. */
export function announcementPlan(settings: RecorderSettings, skip: boolean): AnnouncementRecord | undefined {
  if (settings.announce === 'off') return undefined;
  return {
    how: settings.announce,
    what: settings.announce === 'text' ? settings.announceText : basename(settings.announceFile),
    party: settings.announceParty,
    order: settings.announceOrder,
    outcome: skip ? 'skipped' : 'pending',
  };
}

/** The announcement file setting: empty, or the full path of a WAV or MP3 file. */
export function announceFileProblem(path: string): string | undefined {
  if (!path) return undefined;
  if (!isAbsolute(path) && !win32.isAbsolute(path)) return 'Choose the announcement file with its full path.';
  return audioFormatOf(path) ? undefined : 'Choose a WAV or MP3 file for the announcement.';
}

function audioFormatOf(path: string): 'wav' | 'mp3' | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.wav' ? 'wav' : ext === '.mp3' ? 'mp3' : undefined;
}

/** Ozeki's words for the parties: "both" is its "all". */
const OZEKI_PARTY: Record<AnnounceParty, Party> = { caller: 'caller', callee: 'callee', both: 'all' };

/** An announcement that cannot be made, in words for the receptionist. */
class AnnouncementProblem extends Error {}

/**
 * Says or plays the announcement on a live call, as the settings say: Speak with the text, or Play with the audio
 * file, which the listener serves to the PBX (AnnouncementFiles) while it is needed. ASSUMPTION (the docs are
 * silent): the PBX answers Speak and Play when it has taken them on, not when the announcement has finished; the
 * record toggle sends Record right after the answer.
 */
export class Announcer {
  constructor(private readonly parts: { client: OzekiClient; files: AnnouncementFiles; signal: AbortSignal }) {}

  /** Announces on `callId`; resolves with why it could not, in words (the PBX's code included), or undefined. */
  async announce(callId: string, settings: RecorderSettings): Promise<string | undefined> {
    const how = settings.announce;
    if (how === 'off') return undefined;
    const party = OZEKI_PARTY[settings.announceParty];
    const { client, signal } = this.parts;
    try {
      if (how === 'text') await client.speak(callId, settings.announceText, { party, signal });
      else await this.play(callId, settings.announceFile, party);
      return undefined;
    } catch (error) {
      return problemWords(error, how);
    }
  }

  private async play(callId: string, path: string, party: Party): Promise<void> {
    const format = await playableFormat(path);
    const offer = this.parts.files.offer(path, format);
    try {
      await this.parts.client.play(callId, offer.url, { party, signal: this.parts.signal });
    } catch (error) {
      offer.withdraw(); // the PBX will not fetch it
      throw error;
    }
  }
}

/** The format of the chosen announcement file, once it is known to be a readable WAV or MP3. */
async function playableFormat(path: string): Promise<'wav' | 'mp3'> {
  if (!path) throw new AnnouncementProblem('No announcement file is chosen: choose one in the settings.');
  const problem = await announcementFileProblem(path);
  const format = audioFormatOf(path);
  if (problem || !format) throw new AnnouncementProblem(problem ?? `The announcement file ${path} is not a WAV or MP3 file.`);
  return format;
}

/** Why the file cannot be played as the announcement (not WAV or MP3, missing, unreadable, not audio); undefined when it can. */
export async function announcementFileProblem(path: string): Promise<string | undefined> {
  const format = audioFormatOf(path);
  if (!format) return `The announcement file ${path} is not a WAV or MP3 file.`;
  const problem = await stat(path).then(
    async (s) => (s.isFile() ? await audioFileProblem(path, format).catch(() => 'it cannot be read') : 'it is not a file'),
    (error: unknown) => ((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is not there' : 'it cannot be read'),
  );
  return problem && `The announcement file ${path} cannot be played: ${problem}.`;
}

function problemWords(error: unknown, how: 'text' | 'file'): string {
  const doing = how === 'text' ? 'say the announcement' : 'play the announcement';
  if (error instanceof AnnouncementProblem) return error.message;
  if (error instanceof OzekiError) return `The PBX refused to ${doing}: ${error.message}.`;
  if (error instanceof PbxError) return `Could not ${doing}: ${error.message}`;
  return `Could not ${doing}: ${error instanceof Error ? error.message : String(error)}.`;
}
