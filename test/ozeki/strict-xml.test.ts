import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseResponse, textOf } from '../../main/ozeki/xml.ts';
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
    ['a character reference beyond Unicode', '<Response><Code>200</Code><Message>&#x110000;</Message></Response>', 'not a character XML allows'],
    ['a character reference to NUL', '<Response><Code>200</Code><Message>&#0;</Message></Response>', 'not a character XML allows'],
    ['a character reference to a lone surrogate', '<Response><Code>200</Code><Message>&#xD800;</Message></Response>', 'not a character XML allows'],
    [
      'a character reference with endless digits',
      `<Response><Code>200</Code><Message>&#${'9'.repeat(400)};</Message></Response>`,
      'not a character XML allows',
    ],
    ['an XML declaration inside the root', '<Response><?xml version="1.0"?><Code>200</Code></Response>', 'not at the start'],
    ['an XML declaration after a comment', '<!-- a --><?xml version="1.0"?><Response><Code>200</Code></Response>', 'not at the start'],
    ['an unclosed processing instruction', '<Response><Code>200</Code></Response><?pi ', 'unclosed <?'],
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

  // Plain elements (`<CallId>abc</CallId>`) are read in one match and the white space before an element's first text
  // is skipped unread: next to comments, entities, prefixes and white space they must read as the general path does.
  const piece = fc.oneof(text.map(escape), fc.constantFrom(' ', '\n  ', '<!-- c -->', '&amp;', '&lt;'));
  const field = fc.record({ name: fc.constantFrom('CallId', 'x:CallState', 'Note', 'a.b-c_1'), pieces: fc.array(piece, { maxLength: 4 }) });
  const plainCall = fc
    .array(field, { maxLength: 4 })
    .map((fields) => `<CallInfo>${fields.map((f) => `<${f.name}>${f.pieces.join('')}</${f.name}>`).join('\n ')}</CallInfo>`);

  it('reads plain elements next to comments, entities, prefixes and white space as the oracle does', () => {
    // White space between two pieces of text is kept, even when it stands alone between comments.
    expect(readXml('<R><a>x<!-- c --> <!-- c -->y</a><b> <!-- c --> </b></R>', isList)).toEqual({ R: { a: 'x y', b: '' } });
    fc.assert(
      fc.property(fc.array(plainCall, { maxLength: 4 }), fc.constantFrom('', ' ', '\n  '), (calls, gap) => {
        const xml = `<Response>${gap}<Code>200</Code>${gap}<ActiveCalls>${gap}${calls.join(gap)}${gap}</ActiveCalls>${gap}</Response>`;
        expect(readXml(xml, isList)).toEqual(oracle.parse(xml));
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

describe('what well-formed XML may hold', () => {
  it('reads character references with leading zeros and up to the last code point', () => {
    const xml = '<Response><Message>&#x0000041;&#00066;&#x10FFFF;&#9;</Message></Response>';
    expect(readXml(xml, () => false)).toEqual({ Response: { Message: 'AB\u{10FFFF}' } });
  });

  it('skips processing instructions inside and after the root, and a declaration after a byte order mark', () => {
    const xml = '\uFEFF<?xml version="1.0"?><?app before?><Response><?app inside?><Code>200</Code></Response><?app after?>\n';
    expect(parseResponse(xml)).toMatchObject({ code: 200 });
  });

  it('reads element and attribute names in any script', () => {
    const xml = '<Response><Code>200</Code><Hívás állapot="ok"><Név>Kovács</Név><名前>山田</名前><a\u0301>x</a\u0301></Hívás></Response>';
    expect(readXml(xml, () => false)).toEqual({ Response: { Code: '200', Hívás: { Név: 'Kovács', 名前: '山田', 'a\u0301': 'x' } } });
  });

  it('reads elements named like the keys every object has, without touching its prototype', () => {
    const xml =
      '<Response><Code>200</Code><toString>a</toString><constructor>b</constructor><__proto__><Code>999</Code></__proto__><hasOwnProperty/></Response>';
    const response = parseResponse(xml);
    expect(response.code).toBe(200);
    const field = (name: string) => textOf(response.body[name]);
    expect(field('toString')).toBe('a');
    expect(field('constructor')).toBe('b');
    expect(Object.keys(response.body)).toEqual(['Code', 'toString', 'constructor', '__proto__', 'hasOwnProperty']);
    expect(Object.getPrototypeOf(response.body)).toBeNull();
    expect(field('hasOwnProperty')).toBe('');
  });
});

describe('line ends', () => {
  it('reads CR LF and a lone CR as LF, as XML 1.0 requires (a caller id cannot smuggle a carriage return)', () => {
    const xml = '<?xml version="1.0"?>\r\n<Response>\r\n<Name>Ann\r\nB\rC</Name>\r\n</Response>\r\n';
    expect(readXml(xml, () => false)).toEqual({ Response: { Name: 'Ann\nB\nC' } });
  });
});
