// Host field values and lines as RFC 9112 §3.2 and RFC 9110 §7.2 judge them (host-header.ts).
import { describe, expect, it } from 'vitest';
import { hasSeveralHosts, hostRefusal, isValidHost } from './host-header.ts';

describe('isValidHost: uri-host [ ":" port ], the host not empty', () => {
  it('accepts names, IPv4 and IPv6 literals, IPvFuture, a port or an empty one, sub-delims and escapes of a reg-name', () => {
    for (const v of ['localhost', 'example.com', 'api.tonggwan.kr:443', '127.0.0.1:8080', '[::1]', '[::1]:8080', '[2001:db8::7]:80', '[v1.fe80::a+en1]', 'example.com:', 'xn--3e0b707e.kr', "a_b~c!$&'()*+,;=d", 'ex%41mple.com'])
      expect(isValidHost(v), v).toBe(true);
  });

  it('refuses an empty value or host, spaces, non-ASCII, userinfo, a path, two colons, a port not digits, bad brackets or escapes', () => {
    for (const v of ['', ':8080', 'a b', 'a\tb', '한국.kr', 'user@host', 'host/path', 'host:80:81', 'host:8o', '[::1', '[::1]x', '[]', '[zz]', '[::1]:8o', 'ho%2', 'ho%zz', 'ho%', 'host?x', 'host#x'])
      expect(isValidHost(v), JSON.stringify(v)).toBe(false);
  });

  it('a port is 0–65535 (RFC 9112 §3.2, RFC 3986 §3.2.3: a larger number names no port of the server); leading zeros read as the number', () => {
    // 65535 = 2^16 − 1, the largest TCP port; 65536 one past it; 4294967376 = 2^32 + 80 (80 if read as 32 bits); 20 digits past 2^53
    for (const v of ['host:0', 'host:65535', '127.0.0.1:65535', '[::1]:65535', 'host:00080', 'host:000000000065535']) expect(isValidHost(v), v).toBe(true);
    for (const v of ['host:65536', 'host:99999', 'host:100000', '127.0.0.1:65536', '[::1]:65536', '[v1.fe80::a+en1]:70000', 'host:4294967376', 'host:18446744073709551696', 'host:000000000065536'])
      expect(isValidHost(v), v).toBe(false);
  });
});

describe('hasSeveralHosts: the Host lines of rawHeaders (Node keeps only the first in headers)', () => {
  it('one Host among others: no; two in any case, equal or not: yes; a name of four letters that is not Host: not counted', () => {
    expect(hasSeveralHosts(['Host', 'a', 'Date', 'x', 'Accept', '*/*'])).toBe(false);
    expect(hasSeveralHosts(['Host', 'a', 'hOsT', 'a'])).toBe(true);
    expect(hasSeveralHosts(['HOST', 'a', 'Date', 'x', 'host', 'b'])).toBe(true);
    expect(hasSeveralHosts(['Hose', 'a', 'Host', 'a', 'Hostt', 'b'])).toBe(false);
    expect(hasSeveralHosts([])).toBe(false);
  });
});

describe('hostRefusal', () => {
  const req = (rawHeaders: string[], httpVersionMinor = 1) => {
    const at = rawHeaders.findIndex((n, i) => i % 2 === 0 && n.toLowerCase() === 'host');
    return { headers: at < 0 ? {} : { host: rawHeaders[at + 1]! }, rawHeaders, httpVersionMinor };
  };
  it('HTTP/1.1 without Host: HOST_REQUIRED; HTTP/1.0 without: none; two, or an empty one, in either version: HOST_INVALID; one valid: none', () => {
    expect(hostRefusal(req([]))).toBe('HOST_REQUIRED');
    expect(hostRefusal(req([], 0))).toBe(null);
    expect(hostRefusal(req(['Host', 'a', 'Host', 'a'], 0))).toBe('HOST_INVALID');
    expect(hostRefusal(req(['Host', ''], 1))).toBe('HOST_INVALID');
    expect(hostRefusal(req(['Host', ''], 0))).toBe('HOST_INVALID');
    expect(hostRefusal(req(['Host', '127.0.0.1:3000']))).toBe(null);
  });
});
