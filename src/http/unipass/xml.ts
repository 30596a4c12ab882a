// A tiny XML serializer that keeps element order exactly as given, as UNI-PASS clients that
// read children by position (e.g. `getChildNodes().item(1)`) need the captured order.
// Output matches captured UNI-PASS responses: the same XML declaration, no whitespace
// between elements, empty elements written as <x></x> (never <x/>).

import type { XmlText } from './ports.ts';

/** [name, text] for a leaf, [name, children] for a container. */
export type XmlNode = readonly [name: string, content: XmlText | readonly XmlNode[]];

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Characters XML 1.0 forbids even when escaped (C0 controls except tab/LF/CR, lone
// surrogates, U+FFFE/U+FFFF): dropped, as one bad byte in a name must not break the document.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(value: XmlText): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function write(node: XmlNode, out: string[]): void {
  const [name, content] = node;
  if (!NAME.test(name)) throw new Error(`invalid XML element name: ${name}`); // a bug, not input
  out.push('<', name, '>');
  if (Array.isArray(content)) {
    for (const child of content as readonly XmlNode[]) write(child, out);
  } else {
    out.push(escapeXmlText(content as XmlText));
  }
  out.push('</', name, '>');
}

export function renderXml(root: XmlNode): string {
  const out: string[] = [XML_DECLARATION];
  write(root, out);
  return out.join('');
}
