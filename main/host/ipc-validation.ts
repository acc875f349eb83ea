import type { ExportSelectionView, LibraryFilter, RecorderApi, RecorderMethod, SettingsChange } from '../../preload/contract.ts';
import { isFormValueShape, isSettingsChangeShape, type FormKey } from '../../preload/settings-schema.ts';

/** Arguments from the window are untrusted: each method's are checked in main before its handler runs. */
type Validator<M extends RecorderMethod> = (args: readonly unknown[]) => args is Parameters<RecorderApi[M]>;

const none = (args: readonly unknown[]) => args.length === 0;
const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
/** A PBX call id: short, opaque, letters and digits. */
const isCallId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value);
/** The most recordings one request may name (a selection of the whole library). */
const MAX_AT_ONCE = 100_000;
/** A recording's id or an undo id: a UUID. */
const isRecordingId = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value);
/** A saved recording, by its path inside the recordings folder; never absolute, never leaving the folder. */
const isRelativePath = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length > 0 &&
  value.length <= 4096 &&
  !value.startsWith('/') &&
  !/^[A-Za-z]:/.test(value) &&
  !value.split(/[/\\]/).includes('..') &&
  !value.includes('\0');

/** The most recordings one export may name: a year of a busy desk; a range of days has no such limit. */
const MAX_EXPORT_PATHS = 20_000;

/** An export's selection: the shape only; the dates and the number are checked by the export, in words. */
const isExportSelection = (value: unknown): value is ExportSelectionView => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  if (v['kind'] === 'recordings') {
    const paths = v['relativePaths'];
    return keys.length === 2 && Array.isArray(paths) && paths.length > 0 && paths.length <= MAX_EXPORT_PATHS && paths.every(isRelativePath);
  }
  const optional = (key: string, max: number) => v[key] === undefined || isString(v[key], max);
  return (
    v['kind'] === 'filter' &&
    keys.every((k) => ['kind', 'from', 'to', 'number'].includes(k)) &&
    optional('from', 20) &&
    optional('to', 20) &&
    optional('number', 100)
  );
};

/** library()'s filter: nothing but an optional desk name of at most 60 characters (the Desk name setting's limit). */
const isLibraryFilter = (value: unknown): value is LibraryFilter => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { desk, ...rest } = value as Record<string, unknown>;
  return Object.keys(rest).length === 0 && (desk === undefined || isString(desk, 60));
};

export const VALIDATORS: { [M in RecorderMethod]: Validator<M> } = {
  getState: (a): a is [] => none(a),
  toggle: (a): a is [string] => a.length === 1 && isCallId(a[0]),
  toggleMine: (a): a is [] => none(a),
  pollNow: (a): a is [] => none(a),
  recordWithoutAnnouncement: (a): a is [string] => a.length === 1 && isCallId(a[0]),
  retry: (a): a is [string] => a.length === 1 && isRecordingId(a[0]),
  dismiss: (a): a is [string] => a.length === 1 && isRecordingId(a[0]),
  library: (a): a is [string, LibraryFilter?] => (a.length === 1 || (a.length === 2 && isLibraryFilter(a[1]))) && isString(a[0], 200),
  setNote: (a): a is [string, string] => a.length === 2 && isRelativePath(a[0]) && isString(a[1], 2000),
  setPinned: (a): a is [string, boolean] => a.length === 2 && isRelativePath(a[0]) && typeof a[1] === 'boolean',
  deleteRecordings: (a): a is [string[]] =>
    a.length === 1 && Array.isArray(a[0]) && a[0].length > 0 && a[0].length <= MAX_AT_ONCE && a[0].every((path) => isRelativePath(path)),
  undoDelete: (a): a is [string] => a.length === 1 && isRecordingId(a[0]),
  saveCopy: (a): a is [string] => a.length === 1 && isRelativePath(a[0]),
  startDrag: (a): a is [string] => a.length === 1 && isRelativePath(a[0]),
  showInFolder: (a): a is [string] => a.length === 1 && isRelativePath(a[0]),
  copyPath: (a): a is [string] => a.length === 1 && isRelativePath(a[0]),
  getSettings: (a): a is [] => none(a),
  saveSettings: (a): a is [SettingsChange] => a.length === 1 && isSettingsChangeShape(a[0]), // the values are checked by saveSettings, in words
  chooseFolder: (a): a is [] => none(a),
  chooseAnnounceFile: (a): a is [] => none(a),
  // The values typed are checked by the tests themselves, in words, as saveSettings checks them.
  testConnection: (a): a is [SettingsChange] => a.length === 1 && isSettingsChangeShape(a[0]),
  testListener: (a): a is [SettingsChange] => a.length === 1 && isSettingsChangeShape(a[0]),
  openLogFolder: (a): a is [] => none(a),
  updateStatus: (a): a is [] => none(a),
  restartToUpdate: (a): a is [] => none(a),
  checkSetting: (a): a is [FormKey, unknown] => a.length === 2 && isFormValueShape(a[0], a[1]),
  playbackUrl: (a): a is [string] => a.length === 1 && isRelativePath(a[0]),
  retentionPreview: (a): a is [number] => a.length === 1 && Number.isInteger(a[0]) && (a[0] as number) >= 0 && (a[0] as number) <= 36_500,
  confirmRetention: (a): a is [] => none(a),
  recordingsOfNumber: (a): a is [string] => a.length === 1 && isString(a[0], 100),
  eraseNumber: (a): a is [string] => a.length === 1 && isString(a[0], 100),
  exportSummary: (a): a is [ExportSelectionView] => a.length === 1 && isExportSelection(a[0]),
  exportRecordings: (a): a is [ExportSelectionView] => a.length === 1 && isExportSelection(a[0]),
};
