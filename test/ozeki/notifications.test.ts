import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PbxError } from '../../main/ozeki/errors.ts';
import { parseCallChanged, parseNotification, parseRecordCompleted } from '../../main/ozeki/notifications.ts';
import { parseResponse } from '../../main/ozeki/xml.ts';
import { liveCallsFrom, historyFrom } from '../../main/ozeki/calls.ts';
import { objectContaining, stringContaining } from '../helpers/match.ts';

describe('notifications', () => {
  it('reads the RecordCompleted form of the docs', () => {
    const body = 'NotificationName=RecordCompleted&CallId=XzeOK&RecordURL=http%3a%2f%2f192.168.0.10%3a7780%2fHttpRecordings%2fXzeOK.mp3';
    expect(parseRecordCompleted(body)).toMatchObject({ callId: 'XzeOK', recordUrl: 'http://192.168.0.10:7780/HttpRecordings/XzeOK.mp3' });
  });

  it('matches names case-insensitively, keeps unknown fields and treats CallId as optional', () => {
    const parsed = parseRecordCompleted('notificationname=recordcompleted&RECORDURL=C%3A%5Crec%5Ca.wav&Duration=12');
    expect(parsed.callId).toBeUndefined();
    expect(parsed.recordUrl).toBe('C:\\rec\\a.wav');
    expect(parsed.fields.get('duration')).toBe('12');
  });

  it('reads CallChanged', () => {
    expect(parseCallChanged('NotificationName=CallChanged&CallId=uteom&CallState=Hold&Source=1000')).toMatchObject({ callId: 'uteom', callState: 'Hold' });
  });

  it.each([
    ['no NotificationName', 'RecordURL=x', parseRecordCompleted, 'has no NotificationName'],
    ['another notification', 'NotificationName=CallChanged&CallId=a', parseRecordCompleted, 'Expected a RecordCompleted'],
    ['no RecordURL', 'NotificationName=RecordCompleted&CallId=a', parseRecordCompleted, 'has no RecordURL'],
    ['a CallChanged without CallId', 'NotificationName=CallChanged', parseCallChanged, 'has no CallId'],
  ] as const)('refuses %s', (_, body, parse, message) => {
    expect(() => parse(body)).toThrow(objectContaining({ kind: 'bad-notification', message: stringContaining(message) }));
  });
});

/** Whatever arrives, the parsers either succeed or throw the client's own error kinds. */
function onlyOwnErrors(run: () => unknown): boolean {
  try {
    run();
  } catch (error) {
    if (!(error instanceof PbxError)) throw error;
  }
  return true;
}

describe('parsers never throw anything but their own errors', () => {
  const xmlish = fc.oneof(
    fc.string(),
    fc.string({
      unit: fc.constantFrom(
        '<',
        '>',
        '/',
        'Response',
        'Code',
        '200',
        'ActiveCalls',
        'CallInfo',
        'CallId',
        '&amp;',
        '&#x0;',
        '"',
        ' ',
        '<?xml version="1.0"?>',
        '<!--',
        ']]>',
      ),
    }),
    fc
      .record({ code: fc.string(), id: fc.string(), start: fc.string(), ring: fc.string() })
      .map(
        (r) =>
          `<Response><Code>${r.code}</Code><ActiveCalls><CallInfo><CallId>${r.id}</CallId><StartTime>${r.start}</StartTime><RingDuration>${r.ring}</RingDuration></CallInfo></ActiveCalls><Calls><Call><CallId>${r.id}</CallId></Call></Calls></Response>`,
      ),
  );

  it('XML answers', () => {
    fc.assert(
      fc.property(xmlish, (text) =>
        onlyOwnErrors(() => {
          const response = parseResponse(text);
          liveCallsFrom(response);
          historyFrom(response);
        }),
      ),
      { numRuns: 2000 },
    );
  });

  it('notification forms', () => {
    const formish = fc.oneof(
      fc.string(),
      fc
        .array(fc.tuple(fc.constantFrom('NotificationName', 'notificationname', 'RecordURL', 'CallId', 'CallState', 'x', '%', '&', '='), fc.string()))
        .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    fc.assert(
      fc.property(formish, (body) =>
        onlyOwnErrors(() => {
          parseNotification(body);
          parseRecordCompleted(body);
          parseCallChanged(body);
        }),
      ),
      { numRuns: 2000 },
    );
  });
});
