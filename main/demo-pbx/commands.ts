import { formatPbxLocalDate } from '../ozeki/dates.ts';
import { speakSeconds } from './announcement-audio.ts';
import { formatStartTime, ringSeconds, talkSeconds, type CallModel, type DemoCall, type DemoHistoryRow } from './calls.ts';
import type { DemoFaults } from './faults.ts';
import { responseXml } from './xml-writer.ts';

/** A request's parameters, query string and form body together, by lower-cased name (the PBX ignores case). */
export type CommandParams = ReadonlyMap<string, string>;

/** What a command may read and change. The caller reads the clock once (`now`) so that a command is a plain function. */
export interface CommandContext {
  calls: CallModel;
  faults: Readonly<DemoFaults>;
  /** Office-user authentication: when set, every command needs this Username and Password. */
  auth: { username: string; password: string } | undefined;
  /** What a second Record on a call already being recorded does (see DemoPbxOptions.secondRecord). */
  secondRecord: 'reject' | 'new-file';
  now: number;
  /** Ends a call as the PBX does (its recordings are written and announced); the answer does not wait for that. */
  hangUp(callId: string): void;
  /** Play's AudioFile as fetched before the command runs (fetchAnnouncementAudio); undefined for any other command. */
  playable?: { seconds: number } | { problem: string };
}

/**
 * ASSUMPTION: an AudioFile that is not a URL names a file in the PBX's own install (ContentStorage/Static); the demo
 * PBX has none, and plays it as this many seconds.
 */
const INSTALLED_FILE_SECONDS = 3;

type Command = (p: CommandParams, ctx: CommandContext, name: string) => string;

const FORMATS = new Set(['mp3', 'wav']);

/** Carries out one HTTP API command and gives the PBX's XML answer: Code, Message and the command's payload. */
export function runCommand(params: CommandParams, ctx: CommandContext): string {
  const command = params.get('command') ?? '';
  if (!command) return responseXml(300, ['']);
  if (ctx.auth) {
    const username = params.get('username');
    const password = params.get('password');
    if (!username || !password) return responseXml(304);
    if (username !== ctx.auth.username || password !== ctx.auth.password) return responseXml(305);
  }
  const handler = COMMANDS[command.toLowerCase()];
  return handler ? handler(params, ctx, command) : responseXml(301, [command]);
}

const COMMANDS: Record<string, Command> = {
  listactivecalls: (_, ctx) =>
    responseXml(200, [], {
      ActiveCalls: ctx.calls.liveCalls().map((call) => ({
        CallInfo: {
          CallState: call.state,
          CallId: call.callId,
          Source: call.source,
          CallerId: call.callerId,
          Destination: call.destination,
          StartTime: formatStartTime(call.startedAt),
          RingDuration: ringSeconds(call, ctx.now),
          TalkDuration: talkSeconds(call, ctx.now),
        },
      })),
    }),
  record: (p, ctx, name) =>
    withCall(p, ctx, name, (call) => {
      const format = (p.get('format') ?? 'mp3').toLowerCase();
      if (!FORMATS.has(format)) return responseXml(302, ['Format', name]);
      if (ctx.faults.refuseRecord) return responseXml(303, [name]);
      if (ctx.secondRecord === 'reject' && ctx.calls.recordingsOf(call.callId).length > 0) return responseXml(303, [name]);
      ctx.calls.startRecording(call.callId, format as 'mp3' | 'wav', p.get('finishedurl') || undefined);
      return responseXml(200);
    }),
  hangup: (p, ctx, name) =>
    withCall(p, ctx, name, (call) => {
      ctx.hangUp(call.callId);
      return responseXml(200);
    }),
  hold: (p, ctx, name) => withCall(p, ctx, name, (call) => switchState(ctx, call, name, 'InCall', 'Hold')),
  unhold: (p, ctx, name) => withCall(p, ctx, name, (call) => switchState(ctx, call, name, 'Hold', 'InCall')),
  speak: (p, ctx, name) =>
    withCall(p, ctx, name, (call) => {
      const text = p.get('text');
      if (!text) return responseXml(302, ['Text', name]);
      if (ctx.faults.refuseAnnouncements) return responseXml(303, [name]);
      ctx.calls.announce({ callId: call.callId, command: 'Speak', party: p.get('party') ?? 'all', content: text, seconds: speakSeconds(text) });
      return responseXml(200);
    }),
  play: (p, ctx, name) =>
    withCall(p, ctx, name, (call) => {
      const audioFile = p.get('audiofile');
      if (!audioFile) return responseXml(302, ['AudioFile', name]);
      if (ctx.faults.refuseAnnouncements) return responseXml(303, [name]);
      const playable = ctx.playable ?? { seconds: INSTALLED_FILE_SECONDS };
      if ('problem' in playable) return responseXml(302, ['AudioFile', name]);
      ctx.calls.announce({ callId: call.callId, command: 'Play', party: p.get('party') ?? 'all', content: audioFile, seconds: playable.seconds });
      return responseXml(200);
    }),
  senddtmf: (p, ctx, name) => withCall(p, ctx, name, () => needs(p, 'keys', 'Keys', name)),
  getcallhistory: (p, ctx) => {
    const filters: [string, (row: DemoHistoryRow) => string][] = [
      ['callid', (r) => r.call.callId],
      ['source', (r) => r.call.source],
      ['destination', (r) => r.call.destination],
      ['state', (r) => r.endState],
      ['callerid', (r) => r.call.callerId],
    ];
    const rows = ctx.calls.history().filter((row) => filters.every(([key, get]) => !p.get(key)?.trim() || get(row) === p.get(key)?.trim()));
    const perPage = Math.max(1, Number(p.get('rowsperpage')) || 20);
    const page = Math.max(0, Number(p.get('pagenumber')) || 0);
    return responseXml(200, [], {
      NumberOfCalls: rows.length,
      Calls: rows.slice(page * perPage, (page + 1) * perPage).map(({ call, endState }) => ({
        Call: {
          StartTime: formatPbxLocalDate(new Date(call.startedAt)),
          Direction: /^\d{4}$/.test(call.source) ? 'Internal' : 'Inbound',
          Source: call.source,
          Destination: call.destination,
          State: endState,
          Dialed: call.destination,
          CallerId: call.callerId,
          Type: 'Audio',
          CallId: call.callId,
        },
      })),
    });
  },
};

/** Runs `action` on the live call named by CallId: 302 when CallId is missing, 601 when there is no such call. */
function withCall(p: CommandParams, ctx: CommandContext, command: string, action: (call: DemoCall) => string): string {
  const callId = p.get('callid');
  if (!callId) return responseXml(302, ['CallId', command]);
  const call = ctx.calls.find(callId);
  return call ? action(call) : responseXml(601, [callId]);
}

/** Hold and Unhold: only from the state they leave; anything else is 303 InappropriateCommand. */
function switchState(ctx: CommandContext, call: DemoCall, command: string, from: 'InCall' | 'Hold', to: 'InCall' | 'Hold'): string {
  if (call.state !== from) return responseXml(303, [command]);
  ctx.calls.setState(call.callId, to);
  return responseXml(200);
}

/** 200 when the parameter is given, else 302 naming it. */
function needs(p: CommandParams, key: string, label: string, command: string): string {
  return p.get(key) ? responseXml(200) : responseXml(302, [label, command]);
}
