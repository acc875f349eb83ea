import { PbxError } from './errors.ts';
import { parsePbxDate } from './dates.ts';
import type { LiveCall } from './live-call.ts';
import { listOf, textOf, type OzekiResponse, type XmlObject } from './xml.ts';

/** One row of GetCallHistory (Ozeki 10: ListCallHistory). */
export interface HistoryCall {
  callId: string;
  startTime: Date;
  direction: string;
  source: string;
  destination: string;
  state: string;
  dialed: string;
  callerId: string;
  type: string;
}

export interface CallHistoryPage {
  /** NumberOfCalls (Ozeki 10: TotalRecords); whether it counts the page or all matches is not documented. */
  numberOfCalls: number;
  calls: HistoryCall[];
}

function field(item: XmlObject, name: string): string {
  return textOf(item[name]) ?? '';
}

/**
 * Start times already read, as milliseconds: a live call's start time comes again in every poll, and reading it (a
 * regular expression and a dozen strings) cost as much as the rest of its call. Cleared when full.
 */
const startTimes = new Map<string, number>();
const MAX_START_TIMES = 1024;

function requiredDate(item: XmlObject, callId: string): Date {
  const text = field(item, 'StartTime');
  let ms = startTimes.get(text);
  if (ms === undefined) {
    const date = parsePbxDate(text);
    if (!date) throw new PbxError('bad-response', `The PBX sent call ${callId} with an unreadable start time "${text}".`);
    ms = date.getTime();
    if (startTimes.size >= MAX_START_TIMES) startTimes.clear();
    startTimes.set(text, ms);
  }
  return new Date(ms);
}

function requiredCallId(item: XmlObject): string {
  const callId = field(item, 'CallId');
  if (!callId) throw new PbxError('bad-response', 'The PBX sent a call without a CallId.');
  return callId;
}

/** Seconds as the PBX writes them: whole ("956") on Ozeki Phone System, fractional ("0.749") on Ozeki 10. */
function seconds(item: XmlObject, name: string): number {
  const value = Number(field(item, name));
  return Number.isFinite(value) && value >= 0 ? value : 0;
}

/** The calls of a ListActiveCalls answer: `<CallInfo>` items, or Ozeki 10's `<Call>` items. */
export function liveCallsFrom(response: OzekiResponse): LiveCall[] {
  return listOf(response.body['ActiveCalls'], ['CallInfo', 'Call']).map((item) => {
    const callId = requiredCallId(item);
    return {
      callId,
      state: field(item, 'CallState'),
      source: field(item, 'Source'),
      destination: field(item, 'Destination'),
      callerId: field(item, 'CallerId'),
      startTime: requiredDate(item, callId),
      ringSeconds: seconds(item, 'RingDuration'),
      talkSeconds: seconds(item, 'TalkDuration'),
    };
  });
}

/** The rows of a GetCallHistory answer (`<Calls>`), or of Ozeki 10's ListCallHistory (`<CallHistory>`). */
export function historyFrom(response: OzekiResponse): CallHistoryPage {
  const rows = [...listOf(response.body['Calls'], ['Call']), ...listOf(response.body['CallHistory'], ['Call'])];
  const calls = rows.map((item) => {
    const callId = requiredCallId(item);
    return {
      callId,
      startTime: requiredDate(item, callId),
      direction: field(item, 'Direction'),
      source: field(item, 'Source'),
      destination: field(item, 'Destination'),
      state: field(item, 'State'),
      dialed: field(item, 'Dialed'),
      callerId: field(item, 'CallerId'),
      type: field(item, 'Type'),
    };
  });
  const count = Number(textOf(response.body['NumberOfCalls']) ?? textOf(response.body['TotalRecords']));
  return { numberOfCalls: Number.isInteger(count) ? count : calls.length, calls };
}
