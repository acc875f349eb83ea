// What a journal line must look like to be believed. The checks are typed against JournalEntry field by field, so
// a field added to the entry without a check here, or a check that lets an optional field pass as required (or
// the other way round), does not compile.
import type { RecordFormat } from '../ozeki/client.ts';
import type { AnnouncementRecord } from './announcement.ts';
import type { FailureKind } from './errors.ts';
import type { JournalEntry } from './journal.ts';
import type { KeptSegment } from './segments.ts';
import type { RecordingFailureView, RecordingState } from './state.ts';

/** An entry forgotten on purpose (a Record the PBX refused). */
export interface JournalRemoval {
  id: string;
  removed: true;
}

export type JournalLine = JournalEntry | JournalRemoval;

/** Tells whether a value read from JSON is a V. */
type Guard<V> = (value: unknown) => value is V;
/** The check of a field that may be absent. */
interface Optional<V> {
  readonly optional: Guard<V>;
}
/** One check per field of T: a plain guard for a required field, `optional(guard)` for an optional one. */
type Checks<T> = { readonly [K in keyof Required<T>]-?: undefined extends T[K] ? Optional<Exclude<T[K], undefined>> : Guard<T[K]> };

const isString: Guard<string> = (v): v is string => typeof v === 'string';
const isId: Guard<string> = (v): v is string => typeof v === 'string' && v.length > 0;
// JSON has no NaN, but 1e999 parses as Infinity.
const isNumber: Guard<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Guard<boolean> = (v): v is boolean => typeof v === 'boolean';

const optional = <V>(guard: Guard<V>): Optional<V> => ({ optional: guard });

/** One of a closed set of strings; the set is a Record over the type, so a value added to the type must be added here. */
function oneOf<V extends string>(values: Record<V, true>): Guard<V> {
  return (v): v is V => typeof v === 'string' && Object.hasOwn(values, v);
}

function arrayOf<V>(guard: Guard<V>): Guard<V[]> {
  return (v): v is V[] => Array.isArray(v) && v.every(guard);
}

/** A JSON object whose fields pass their checks; fields the checks do not name are kept as they are. */
function objectOf<T>(checks: Checks<T>): Guard<T> {
  // Object.entries loses the per-field pairing of the mapped type; each value is one of the two shapes.
  const fields = Object.entries<Guard<unknown> | Optional<unknown>>(checks);
  return (v): v is T => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const object = v as Record<string, unknown>;
    return fields.every(([key, check]) => {
      const field = Object.hasOwn(object, key) ? object[key] : undefined;
      return typeof check === 'function' ? check(field) : field === undefined || check.optional(field);
    });
  };
}

const isState = oneOf<RecordingState>({
  requested: true,
  unconfirmed: true,
  recording: true,
  completed: true,
  downloading: true,
  saving: true,
  queued: true,
  saved: true,
  failed: true,
  missed: true,
  dismissed: true,
});
const isFormat = oneOf<RecordFormat>({ mp3: true, wav: true });
const isFailureKind = oneOf<FailureKind>({ folder: true, network: true, refused: true, gone: true, damaged: true, missed: true, internal: true });

const isEntry = objectOf<JournalEntry>({
  id: isId,
  secret: isId,
  callId: isString,
  call: objectOf<JournalEntry['call']>({ source: isString, destination: isString, callerId: isString, startTime: isString }),
  format: isFormat,
  state: isState,
  requestedAt: isNumber,
  ackAt: optional(isNumber),
  auto: optional(isBoolean),
  keptFromAnswer: optional(isBoolean),
  endedAt: optional(isNumber),
  segments: arrayOf(objectOf<KeptSegment>({ startMs: isNumber, endMs: optional(isNumber) })),
  recordUrl: optional(isString),
  downloadedBytes: optional(isNumber),
  totalBytes: optional(isNumber),
  failure: optional(objectOf<RecordingFailureView>({ kind: isFailureKind, message: isString, retryable: isBoolean })),
  notSavedBecause: optional(isString),
  claimedPath: optional(isString),
  claimedBytes: optional(isNumber),
  savedPath: optional(isString),
  queuedPath: optional(isString),
  sha256: optional(isString),
  announcement: optional(
    objectOf<AnnouncementRecord>({
      how: oneOf<AnnouncementRecord['how']>({ text: true, file: true }),
      what: isString,
      party: oneOf<AnnouncementRecord['party']>({ caller: true, callee: true, both: true }),
      order: oneOf<AnnouncementRecord['order']>({ 'announce-first': true, 'record-first': true }),
      outcome: oneOf<AnnouncementRecord['outcome']>({ pending: true, announced: true, failed: true, skipped: true }),
      problem: optional(isString),
      notRecorded: optional(isBoolean),
    }),
  ),
  updatedAt: isNumber,
});

const isRemoval = objectOf<JournalRemoval>({ id: isId, removed: (v): v is true => v === true });

/** One line of the journal as written by Journal, or undefined when it is not JSON or breaks the schema. */
export function parseJournalLine(text: string): JournalLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isRemoval(value) || isEntry(value) ? value : undefined;
}
