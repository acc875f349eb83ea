import { statusMessage, type OzekiStatusCode } from '../ozeki/status-codes.ts';

// What the real PBX (a .NET XmlSerializer behind http.sys) writes: a bare declaration and the default xmlns pair.
const DECLARATION = '<?xml version="1.0"?>';
const XMLNS = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

export type XmlTree = { [element: string]: string | number | XmlTree | XmlTree[] };

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

function element(name: string, value: string | number | XmlTree | XmlTree[], indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}<${name} />`;
    const items = value.map((item) => children(item, `${indent}  `)).join('\n');
    return `${indent}<${name}>\n${items}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') return `${indent}<${name}>\n${children(value, `${indent}  `)}\n${indent}</${name}>`;
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

function children(tree: XmlTree, indent: string): string {
  return Object.entries(tree)
    .map(([name, value]) => element(name, value, indent))
    .join('\n');
}

/** A complete answer: `<Code>`, `<Message>` (the documented text for the code), then the payload. */
export function responseXml(code: OzekiStatusCode, messageArgs: string[] = [], payload: XmlTree = {}): string {
  const body = children({ Code: code, Message: statusMessage(code, ...messageArgs), ...payload }, '  ');
  return `${DECLARATION}\n<Response ${XMLNS}>\n${body}\n</Response>`;
}
