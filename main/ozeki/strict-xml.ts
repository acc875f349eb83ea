/**
 * A strict XML reader in one pass, for the PBX's answers: it checks well-formedness while it builds the object (every
 * tag closed in order, one root element, nothing after it but white space, comments and processing instructions,
 * quoted attributes, known entities and allowed characters only), so a truncated or garbled answer is refused rather
 * than read as fewer calls, without a separate validation pass over the text. The object has the shape fast-xml-parser gave the rest of main/ozeki: attributes
 * and namespace prefixes dropped, text trimmed and kept as strings, an element met twice (or one on a list path)
 * becomes an array, text next to child elements is kept under `#text`. DOCTYPEs are refused: the PBX sends none,
 * and entity definitions are how XML bombs work.
 */
export type XmlValue = string | XmlObject | XmlValue[];
/** Made without a prototype (see newObject): read its elements as `obj[name]`. */
export interface XmlObject {
  [name: string]: XmlValue;
}

/** The text is not well-formed XML; the message says where. */
export class XmlSyntaxError extends Error {}

interface OpenElement {
  name: string;
  path: PathNode;
  children: XmlObject | undefined;
  text: string;
}

/**
 * A dotted element path (`Response.ActiveCalls.CallInfo`) and whether it is a list. The twenty calls of a poll share
 * the same few paths: each is built and looked up once per answer, not once per element.
 */
interface PathNode {
  /**
   * The name without its namespace prefix, the key it is read by: the string first met, used for every element of
   * the path, so that V8 looks the key up once per answer and not once per element.
   */
  key: string;
  path: string;
  list: boolean;
  children: Map<string, PathNode> | undefined;
}

// XML names: letters of any script, then letters, digits and combining marks too (simpler than XML 1.0's ranges).
const NAME = /[\p{L}_:][\p{L}\p{N}\p{M}.:\u00B7_-]*/uy;
const ATTRIBUTE = /\s+[\p{L}_:][\p{L}\p{N}\p{M}.:\u00B7_-]*\s*=\s*(?:"[^"<]*"|'[^'<]*')/uy;
const DECLARATION = /^<\?xml(?:\s|\?)/i;
const TAG_END = /\s*(\/?)>/y;
const CLOSING_END = /\s*>/y;
// An element of plain text, as nearly every element of a PBX answer is: `<CallId>abc</CallId>`, an ASCII name, no
// attributes, no entity, comment or CDATA. Checked by one test of this expression; anything else takes the general path.
const PLAIN_LEAF = /<([A-Za-z_:][\w.:-]*)>[^<&]*<\/\1>/y;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([\da-fA-F]+));/y;
const NAMED: Partial<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A character XML allows (the Char production of XML 1.0, 2.2): no NUL or other control, no lone surrogate. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Text between tags with its entities replaced; an `&` that starts no known entity is an error. */
function decode(text: string, at: number, fail: (what: string, index: number) => never): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    ENTITY.lastIndex = amp;
    const match = ENTITY.exec(text);
    if (!match) return fail('an & that starts no entity', at + amp);
    const [whole, named, decimal, hex] = match;
    let character = NAMED[named ?? ''];
    if (character === undefined) {
      // Leading zeros are allowed; a huge number of digits parses to a number beyond any code point.
      const code = Number.parseInt(decimal ?? hex ?? '', decimal ? 10 : 16);
      if (!isXmlChar(code)) return fail(`${whole}, which is not a character XML allows`, at + amp);
      character = String.fromCodePoint(code);
    }
    out += text.slice(from, amp) + character;
    from = amp + whole.length;
    amp = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

const BLANK = /[ \t\n\r]*/y;

/** White space only (XML's: space, tab, line end), between `from` and `to`. */
function isBlank(xml: string, from: number, to: number): boolean {
  BLANK.lastIndex = from;
  BLANK.test(xml);
  return BLANK.lastIndex >= to;
}

/**
 * An object without a prototype, so that an element named like an Object.prototype key (`constructor`,
 * `toString`, `__proto__`) is read as an element like any other. Read it with `obj[name]`, not `obj.hasOwnProperty`.
 */
function newObject(): XmlObject {
  return Object.create(null) as XmlObject;
}

/** Adds a finished element to its parent: a second one of the same name, or one on a list path, makes an array. */
function attach(parent: XmlObject, name: string, value: XmlValue, asList: boolean): void {
  const existing = parent[name];
  if (existing === undefined) parent[name] = asList ? [value] : value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
}

/**
 * Reads `xml` into an object keyed by element name (namespace prefix removed). `isList(path)` names the dotted
 * element paths (`Response.ActiveCalls.CallInfo`) that are always arrays, even with one item.
 * Throws {@link XmlSyntaxError} for anything that is not well-formed.
 */
export function readXml(raw: string, isList: (path: string) => boolean): XmlObject {
  // Line ends are read as XML 1.0 says (2.11): CR LF and a lone CR become LF before anything else.
  const xml = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  const fail = (what: string, index: number): never => {
    throw new XmlSyntaxError(`line ${lineAt(xml, index)}: ${what}`);
  };
  const roots = new Map<string, PathNode>();
  const pathOf = (parent: OpenElement | undefined, key: string): PathNode => {
    const known = parent ? (parent.path.children ??= new Map<string, PathNode>()) : roots;
    let node = known.get(key);
    if (!node) {
      const path = parent ? `${parent.path.path}.${key}` : key;
      node = { key, path, list: isList(path), children: undefined };
      known.set(key, node);
    }
    return node;
  };
  const document = newObject();
  const stack: OpenElement[] = [];
  let rootDone = false;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) {
      const top = stack[stack.length - 1];
      // White space before an element's first text or child is trimmed away at its end: not even sliced.
      if (top) {
        if (top.text !== '' || !isBlank(xml, i, textEnd)) top.text += decode(xml.slice(i, textEnd), i, fail);
      } else if (xml.slice(i, textEnd).trim() !== '') fail('text outside the root element', i);
      i = textEnd;
      if (lt === -1) break;
    }
    const next = xml.charCodeAt(i + 1);
    if (next === 63 /* ? */) {
      // A processing instruction is skipped wherever it stands; only the XML declaration must open the text.
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) fail('an unclosed <?…?>', i);
      const start = xml.charCodeAt(0) === 0xfeff /* a byte order mark */ ? 1 : 0;
      if (i !== start && DECLARATION.test(xml.slice(i, i + 6))) fail('an <?xml …?> declaration that is not at the start', i);
      i = end + 2;
    } else if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i + 4);
        if (end === -1) fail('an unclosed comment', i);
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i + 9);
        const top = stack[stack.length - 1];
        if (end === -1 || !top) return fail('a misplaced or unclosed CDATA section', i);
        top.text += xml.slice(i + 9, end);
        i = end + 3;
      } else fail('a DOCTYPE or other declaration, which the PBX never sends', i);
    } else if (next === 47 /* / */) {
      const open = stack[stack.length - 1];
      const nameEnd = i + 2 + (open?.name.length ?? 0);
      if (open && xml.charCodeAt(nameEnd) === 62 /* > */ && xml.startsWith(open.name, i + 2)) {
        // The closing tag of the open element, written as most are: `</name>`.
        i = nameEnd + 1;
      } else {
        NAME.lastIndex = i + 2;
        const name = NAME.test(xml) ? xml.slice(i + 2, NAME.lastIndex) : undefined;
        if (!name || !open || open.name !== name) return fail(`</${name ?? ''}> where ${open ? `</${open.name}>` : 'no closing tag'} was expected`, i);
        CLOSING_END.lastIndex = NAME.lastIndex;
        if (!CLOSING_END.test(xml)) fail(`an unfinished </${name}>`, i);
        i = CLOSING_END.lastIndex;
      }
      stack.pop();
      const text = open.text.trim();
      let value: XmlValue = text;
      if (open.children) {
        value = open.children;
        if (text !== '') open.children['#text'] = text;
      }
      const parent = stack[stack.length - 1];
      if (parent) attach((parent.children ??= newObject()), open.path.key, value, open.path.list);
      else {
        document[open.path.key] = value;
        rootDone = true;
      }
    } else {
      const top = stack[stack.length - 1];
      PLAIN_LEAF.lastIndex = i;
      if (top && PLAIN_LEAF.test(xml)) {
        // Tested, not matched: only the name and the text are cut out, no array of matches is made.
        const nameEnd = xml.indexOf('>', i);
        const end = PLAIN_LEAF.lastIndex;
        const path = pathOf(top, localName(xml.slice(i + 1, nameEnd)));
        attach((top.children ??= newObject()), path.key, xml.slice(nameEnd + 1, end - (nameEnd - i) - 2).trim(), path.list);
        i = end;
        continue;
      }
      NAME.lastIndex = i + 1;
      if (!NAME.test(xml)) return fail('a < that starts no tag', i);
      const name = xml.slice(i + 1, NAME.lastIndex);
      if (rootDone) fail('a second root element', i);
      let at = NAME.lastIndex;
      let selfClosing: boolean;
      if (xml.charCodeAt(at) === 62 /* > */) {
        // No attributes, no space: most tags.
        selfClosing = false;
        i = at + 1;
      } else {
        for (ATTRIBUTE.lastIndex = at; ATTRIBUTE.test(xml);) at = ATTRIBUTE.lastIndex;
        TAG_END.lastIndex = at;
        const end = TAG_END.exec(xml);
        if (!end) return fail(`an unfinished <${name}>`, i);
        selfClosing = end[1] === '/';
        i = TAG_END.lastIndex;
      }
      const parent = stack[stack.length - 1];
      const path = pathOf(parent, localName(name));
      if (!selfClosing) stack.push({ name, path, children: undefined, text: '' });
      else if (parent) attach((parent.children ??= newObject()), path.key, '', path.list);
      else {
        document[path.key] = '';
        rootDone = true;
      }
    }
  }
  const open = stack[stack.length - 1];
  if (open) fail(`<${open.name}> is never closed`, xml.length);
  if (!rootDone) fail('no element', 0);
  return document;
}
