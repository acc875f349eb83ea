import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../main/ozeki/xml.ts';
import { readXml } from '../../main/ozeki/strict-xml.ts';

const LIST = 'Response.ActiveCalls.CallInfo';
const isList = (path: string) => path === LIST;

describe('readXml checks well-formedness in its one pass', () => {
  it.each([
    ['a truncated list of calls', '<Response><Code>200</Code><ActiveCalls><CallInfo><CallId>a</CallId></CallInfo>', 'never closed'],
    ['a closing tag that does not match', '<Response><Code>200</Code></Respons>', 'was expected'],
    ['crossed tags', '<Response><Code>200</Code><a><b></a></b></Response>', 'was expected'],
    ['a second root', '<Response><Code>200</Code></Response><Response/>', 'second root'],
    ['text after the root', '<Response><Code>200</Code></Response>junk', 'outside the root'],
    ['a stray <', '<Response><Code>2<00</Code></Response>', 'starts no tag'],
    ['an unknown entity', '<Response><Code>200</Code><Message>&bogus;</Message></Response>', 'starts no entity'],
    ['an unquoted attribute', '<Response a=1><Code>200</Code></Response>', 'unfinished <Response>'],
    ['a DOCTYPE', '<!DOCTYPE r [<!ENTITY a "b">]><Response><Code>200</Code></Response>', 'DOCTYPE'],
    ['an unclosed comment', '<Response><Code>200</Code><!-- </Response>', 'unclosed comment'],
    ['nothing', '   ', 'no element'],
  ])('refuses %s as not the PBX XML, saying where', (_, xml, why) => {
    expect(() => parseResponse(xml)).toThrow(expect.objectContaining({ kind: 'bad-response', message: expect.stringContaining(why) as string }));
  });

  it('reads comments, CDATA, character references, prefixes and attributes as fast-xml-parser did', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><!-- a --><o:Response xmlns:o="urn:x" v='1'><Code>200</Code><Message><![CDATA[a <b>]]> &#233;&#xE9;&amp;</Message><ActiveCalls><CallInfo><CallId>1e5</CallId></CallInfo></ActiveCalls><Empty/></o:Response>\n`;
    expect(readXml(xml, isList)).toEqual({ Response: { Code: '200', Message: 'a <b> éé&', ActiveCalls: { CallInfo: [{ CallId: '1e5' }] }, Empty: '' } });
  });

  // fast-xml-parser, with the options main/ozeki used before, is the oracle for every well-formed document.
  const oracle = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true, isArray: (_n, path) => path === LIST });
  const text = fc.string({ unit: fc.constantFrom('a', ' ', '&', '<', '>', '"', "'", 'é', '0', '\n') });
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const call = fc
    .record({ id: text, state: text, extra: fc.option(text) })
    .map(
      (c) =>
        `<CallInfo><CallId>${escape(c.id)}</CallId><CallState>${escape(c.state)}</CallState>${c.extra === null ? '' : `<x:Extra xmlns:x="u">${escape(c.extra)}</x:Extra>`}</CallInfo>`,
    );

  it('reads any list of calls as the oracle does', () => {
    fc.assert(
      fc.property(fc.array(call, { maxLength: 5 }), fc.constantFrom('', '<?xml version="1.0"?>\n'), (calls, declaration) => {
        const xml = `${declaration}<Response><Code>200</Code><ActiveCalls>${calls.join('\n  ')}</ActiveCalls></Response>`;
        // The oracle also keeps the declaration as a '?xml' key, which nothing reads.
        expect(readXml(xml, isList)).toEqual({ Response: (oracle.parse(xml) as Record<string, unknown>)['Response'] });
      }),
    );
  });

  it('refuses every truncation of a well-formed answer', () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 3 }), fc.nat(), (calls, cut) => {
        const xml = `<Response><Code>200</Code><ActiveCalls>${calls.join('')}</ActiveCalls></Response>`;
        const truncated = xml.slice(0, cut % (xml.length - 1));
        expect(() => parseResponse(truncated)).toThrow(expect.objectContaining({ kind: 'bad-response' }));
      }),
    );
  });
});

describe('line ends', () => {
  it('reads CR LF and a lone CR as LF, as XML 1.0 requires (a caller id cannot smuggle a carriage return)', () => {
    const xml = '<?xml version="1.0"?>\r\n<Response>\r\n<Name>Ann\r\nB\rC</Name>\r\n</Response>\r\n';
    expect(readXml(xml, () => false)).toEqual({ Response: { Name: 'Ann\nB\nC' } });
  });
});
