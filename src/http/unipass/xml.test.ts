import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXmlText, renderXml } from './xml.ts';

const parser = new XMLParser({ preserveOrder: true, parseTagValue: false, ignoreDeclaration: true, trimValues: false });

/** Text of <v> inside <r> after a real parser read the document. */
function roundTrip(value: string): string {
  const xml = renderXml(['r', [['v', value]]]);
  expect(XMLValidator.validate(xml)).toBe(true);
  const [root] = (parser.parse(xml) as Record<string, unknown>[]).filter((n) => !('#text' in n)) as Record<string, Record<string, unknown>[]>[];
  const v = root!['r']![0]!['v'] as Record<string, unknown>[];
  return v.map((t) => String(t['#text'] ?? '')).join('');
}

describe('renderXml', () => {
  it('writes the captured declaration, no whitespace, <x></x> for empty elements, children in order', () => {
    expect(renderXml(['root', [['b', ''], ['a', 1], ['c', null], ['d', [['e', 'x']]]]])).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><root><b></b><a>1</a><c></c><d><e>x</e></d></root>',
    );
  });

  it('escapes <, & and >', () => {
    expect(escapeXmlText('A <&> B')).toBe('A &lt;&amp;&gt; B');
    expect(escapeXmlText(']]>')).toBe(']]&gt;');
    expect(escapeXmlText('"\'')).toBe('"\'');
  });

  it('drops characters XML 1.0 cannot carry', () => {
    expect(escapeXmlText('a\u0000b\u0007c\uFFFEd\uD800e\tf\ng')).toBe('abcde\tf\ng');
    expect(escapeXmlText('😀 한글')).toBe('😀 한글');
  });

  it('refuses invalid element names (a programming error, never user input)', () => {
    expect(() => renderXml(['bad name', ''])).toThrow();
  });

  it('round-trips any text through a real XML parser (well-formed, nothing lost but forbidden characters)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[<>&"' a-z가-힣;#x0-9]{0,40}$/)), (s) => {
        const kept = s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
        // XML parsers normalise line ends (\r\n and \r become \n)
        return roundTrip(s) === kept.replace(/\r\n?/g, '\n');
      }),
      { numRuns: 500 },
    );
  });
});
