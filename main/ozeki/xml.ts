import { OzekiError, PbxError } from './errors.ts';
import { readXml, XmlSyntaxError, type XmlObject, type XmlValue } from './strict-xml.ts';

export type { XmlObject, XmlValue };

/** A parsed `<Response>`: the envelope plus every other child element, read by name. */
export interface OzekiResponse {
  code: number;
  message: string;
  body: XmlObject;
}

// Lists that may hold one item: without this, one item would read as an object and two as an array.
const LIST_PATHS = new Set([
  'Response.ActiveCalls.CallInfo',
  'Response.ActiveCalls.Call',
  'Response.Calls.Call',
  'Response.CallHistory.Call',
  'Response.Extensions.ExtensionSummary',
]);
const isList = (path: string) => LIST_PATHS.has(path);

function notPbxXml(detail: string): PbxError {
  return new PbxError('bad-response', `The PBX answered with something that is not its XML (${detail}).`);
}

/**
 * Reads a PBX answer. Element order, namespaces and the XML declaration do not matter.
 * Throws {@link PbxError} `bad-response` for anything that is not a `<Response>` with a numeric `<Code>`,
 * and {@link OzekiError} when the code is not 200.
 */
export function parseResponse(xml: string): OzekiResponse {
  let document: XmlObject;
  try {
    document = readXml(xml, isList); // checks well-formedness in the same pass
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw notPbxXml(error.message);
    throw error;
  }
  const root = document['Response'];
  if (!isXmlObject(root)) throw notPbxXml('no <Response> element');
  const codeText = textOf(root['Code']);
  const code = codeText === undefined ? NaN : Number(codeText);
  if (!Number.isInteger(code)) throw notPbxXml('no numeric <Code>');
  const message = textOf(root['Message']) ?? '';
  if (code !== 200) throw new OzekiError(code, message);
  return { code, message, body: root };
}

export function isXmlObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of an element; undefined when it is missing or has children. An empty element is "". */
export function textOf(value: XmlValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return textOf(value[0]);
  return undefined;
}

/** The items of a list element such as `<ActiveCalls>`; `<ActiveCalls/>`, `""` and a missing list are all empty. */
export function listOf(container: XmlValue | undefined, itemNames: readonly string[]): XmlObject[] {
  if (!isXmlObject(container)) return [];
  const items: XmlObject[] = [];
  for (const name of itemNames) {
    const value = container[name];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const item of values) if (isXmlObject(item)) items.push(item);
  }
  return items;
}
