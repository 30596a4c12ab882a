import { describe, expect, it } from 'vitest';
import { requestHeadOf } from './request-head.ts';

const B = (text: string) => Buffer.from(text, 'latin1');
const headOf = (packet: string, bytesParsed?: number) => requestHeadOf({ rawPacket: B(packet), bytesParsed })?.toString('latin1');

describe('requestHeadOf: the refused request in the chunk Node hands with its error', () => {
  it('one request: from its request line (empty lines before it skipped)', () => {
    expect(headOf('GET /ext/rest/x HTTP/9.9\r\n', 16)).toBe('GET /ext/rest/x HTTP/9.9\r\n');
    expect(headOf('\r\n\r\nGET /ext/rest/x HTTP/9.9\r\n', 20)).toBe('GET /ext/rest/x HTTP/9.9\r\n');
  });

  it('behind another request in the same chunk: the last one begun before where the parser stopped', () => {
    const first = 'GET /api/v1/x HTTP/1.1\r\nHost: h\r\n\r\n';
    // stopped at the second one's first byte (a lower-case method), or inside its headers
    expect(headOf(`${first}get /ext/rest/y HTTP/1.1\r\n\r\n`, first.length)).toBe('get /ext/rest/y HTTP/1.1\r\n\r\n');
    expect(headOf(`${first}GET /ext/rest/y HTTP/1.1\r\nBad Header: x\r\n\r\n`, first.length + 30)).toBe('GET /ext/rest/y HTTP/1.1\r\nBad Header: x\r\n\r\n');
  });

  it('stopped at the end of the refused request’s own head (nothing after its blank line): that request, not the one after the blank line', () => {
    const refused = 'GET /ext/rest/y HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n';
    expect(headOf(refused, refused.length)).toBe(refused);
    expect(headOf(`GET /api/v1/x HTTP/1.1\r\n\r\n${refused}`, 26 + refused.length)).toBe(refused);
  });

  it('no bytes from Node: null', () => {
    expect(requestHeadOf({})).toBeNull();
  });
});
