import { describe, expect, it } from 'vitest';
import { historyFrom, liveCallsFrom } from '../../main/ozeki/calls.ts';
import { OzekiError, PbxError } from '../../main/ozeki/errors.ts';
import { parseResponse, textOf } from '../../main/ozeki/xml.ts';
import { fixture } from '../helpers/fixtures.ts';

const envelope = (inner: string) => `<?xml version="1.0"?><Response><Code>200</Code><Message>ok</Message>${inner}</Response>`;

describe('parseResponse and liveCallsFrom', () => {
  it('reads the documented ListActiveCalls example with two calls', () => {
    const calls = liveCallsFrom(parseResponse(fixture('ozeki/list-active-calls.xml')));
    expect(calls).toEqual([
      {
        callId: 'uteom',
        state: 'InCall',
        source: '1000',
        destination: '1001',
        callerId: 'John Smith',
        startTime: new Date('2013-07-01T08:49:07.956Z'),
        ringSeconds: 2,
        talkSeconds: 956,
      },
      {
        callId: 'XzeOK',
        state: 'Ringing',
        source: '1002',
        destination: '1003',
        callerId: '1002',
        startTime: new Date('2013-07-01T09:02:41.120Z'),
        ringSeconds: 4,
        talkSeconds: 0,
      },
    ]);
  });

  it('reads a start time met in an earlier answer as the same moment, in a Date of its own', () => {
    const xml = fixture('ozeki/list-active-calls.xml');
    const first = liveCallsFrom(parseResponse(xml));
    for (const call of first) call.startTime.setTime(0); // whoever changes a Date changes no later answer
    const again = liveCallsFrom(parseResponse(xml));
    expect(again.map((c) => c.startTime.toISOString())).toEqual(['2013-07-01T08:49:07.956Z', '2013-07-01T09:02:41.120Z']);
    const unreadable = xml.replace('2013-07-01T10:49:07.9558+02:00', 'yesterday');
    expect(unreadable).not.toBe(xml);
    expect(() => liveCallsFrom(parseResponse(unreadable))).toThrow(/unreadable start time "yesterday"/);
  });

  it('reads one call with the code last, odd namespaces, entities and numbers that look numeric', () => {
    const [call, ...rest] = liveCallsFrom(parseResponse(fixture('ozeki/list-active-calls-one.xml')));
    expect(rest).toEqual([]);
    expect(call).toMatchObject({ callId: '1e5', state: 'Hold', source: '+36 1 111 111', destination: '0012', callerId: 'Kovács & Társa Kft.' });
    expect(call?.startTime.toISOString()).toBe('2013-07-01T10:49:07.956Z');
  });

  it('reads the Ozeki 10 <Call> variant with zone-less dates and fractional durations', () => {
    const [call] = liveCallsFrom(parseResponse(fixture('ozeki/list-active-calls-ozeki10.xml')));
    expect(call).toMatchObject({ callId: 'PR14t', source: '101', destination: '102', ringSeconds: 0.749, talkSeconds: 0 });
    expect(call?.startTime).toEqual(new Date(2019, 3, 9, 10, 34, 7));
  });

  it.each([
    ['self-closing', '<ActiveCalls />'],
    ['open and close', '<ActiveCalls></ActiveCalls>'],
    ['missing', ''],
    ['whitespace only', '<ActiveCalls>\n   </ActiveCalls>'],
  ])('gives no calls for an empty list (%s)', (_, inner) => {
    expect(liveCallsFrom(parseResponse(envelope(inner)))).toEqual([]);
  });

  it('refuses a call without a CallId or with an unreadable start time', () => {
    expect(() => liveCallsFrom(parseResponse(envelope('<ActiveCalls><CallInfo><StartTime>2013-07-01T10:49:07Z</StartTime></CallInfo></ActiveCalls>')))).toThrow(
      'without a CallId',
    );
    expect(() =>
      liveCallsFrom(parseResponse(envelope('<ActiveCalls><CallInfo><CallId>a</CallId><StartTime>yesterday</StartTime></CallInfo></ActiveCalls>'))),
    ).toThrow('unreadable start time "yesterday"');
  });

  it('turns a code other than 200 into an OzekiError with the code, its name and the PBX message', () => {
    const error = (() => {
      try {
        parseResponse(fixture('ozeki/error-401.xml'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OzekiError);
    expect(error).toMatchObject({
      kind: 'pbx',
      code: 401,
      codeName: 'ApiExtensionUnavailable',
      pbxMessage: "API extension '9986' unavailable, please check configuration or permissions",
      message: "API extension '9986' unavailable, please check configuration or permissions (Ozeki code 401)",
    });
  });

  it('names an undocumented code "Unknown" and still shows the message', () => {
    expect(() => parseResponse('<Response><Code>999</Code><Message>Odd</Message></Response>')).toThrow(
      expect.objectContaining({ code: 999, codeName: 'Unknown', message: 'Odd (Ozeki code 999)' }),
    );
  });

  it('reads elements by name when the payload comes before the code (GetConfig)', () => {
    const response = parseResponse(fixture('ozeki/get-config.xml'));
    expect(response.code).toBe(200);
    const config = response.body['Config'];
    expect(typeof config === 'object' && !Array.isArray(config) ? textOf(config['ID']) : undefined).toBe('1000');
  });

  it('reads the documented GetCallHistory example', () => {
    const page = historyFrom(parseResponse(fixture('ozeki/get-call-history.xml')));
    expect(page.numberOfCalls).toBe(2);
    expect(page.calls.map((c) => [c.callId, c.state, c.source, c.destination])).toEqual([
      ['20GPS3', 'TransferCompleted', '1003', '50'],
      ['2Fqjg2', 'CalleeHungUp', '1003', '1001'],
    ]);
    expect(page.calls[0]?.startTime).toEqual(new Date(2013, 7, 13, 8, 2, 50));
  });

  it.each([
    ['not XML', 'Service Unavailable'],
    ['malformed XML', '<Response><Code>200</Code>'],
    ['another root', '<html><body>hi</body></html>'],
    ['no code', '<Response><Message>hm</Message></Response>'],
    ['a code that is not a number', '<Response><Code>OK</Code></Response>'],
    ['empty', ''],
  ])('refuses an answer that is %s as bad-response', (_, text) => {
    expect(() => parseResponse(text)).toThrow(expect.objectContaining({ kind: 'bad-response' }));
    expect(() => parseResponse(text)).toThrow(PbxError);
  });
});
