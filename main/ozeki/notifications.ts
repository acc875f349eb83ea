import { PbxError } from './errors.ts';

/**
 * A notification the PBX POSTs to us, form-encoded. Field names are matched case-insensitively
 * (the docs spell them several ways); every field is kept, known or not.
 */
export interface PbxNotification {
  name: string;
  /** Every field, keyed by its lower-cased name. */
  fields: ReadonlyMap<string, string>;
}

export interface RecordCompleted {
  callId: string | undefined;
  recordUrl: string;
  fields: ReadonlyMap<string, string>;
}

export interface CallChanged {
  callId: string;
  callState: string | undefined;
  fields: ReadonlyMap<string, string>;
}

function bad(message: string): PbxError {
  return new PbxError('bad-notification', message);
}

/** Reads a form body; the first value of a repeated field wins. */
export function parseNotification(body: string): PbxNotification {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(body);
  } catch {
    throw bad('The notification body is not a form.');
  }
  const fields = new Map<string, string>();
  for (const [key, value] of params) {
    const name = key.trim().toLowerCase();
    if (name && !fields.has(name)) fields.set(name, value);
  }
  const name = fields.get('notificationname')?.trim();
  if (!name) throw bad('The notification has no NotificationName.');
  return { name, fields };
}

function expect(notification: PbxNotification, name: string): void {
  if (notification.name.toLowerCase() !== name.toLowerCase()) {
    throw bad(`Expected a ${name} notification, got "${notification.name}".`);
  }
}

/** RecordCompleted: RecordURL is required; CallId is optional (the docs do not promise it). */
export function parseRecordCompleted(body: string): RecordCompleted {
  const notification = parseNotification(body);
  expect(notification, 'RecordCompleted');
  const recordUrl = notification.fields.get('recordurl')?.trim();
  if (!recordUrl) throw bad('The RecordCompleted notification has no RecordURL.');
  const callId = notification.fields.get('callid')?.trim() || undefined;
  return { callId, recordUrl, fields: notification.fields };
}

/** CallChanged: its full field list is undocumented; CallId is required to be of any use. */
export function parseCallChanged(body: string): CallChanged {
  const notification = parseNotification(body);
  expect(notification, 'CallChanged');
  const callId = notification.fields.get('callid')?.trim();
  if (!callId) throw bad('The CallChanged notification has no CallId.');
  const callState = notification.fields.get('callstate')?.trim() || undefined;
  return { callId, callState, fields: notification.fields };
}
