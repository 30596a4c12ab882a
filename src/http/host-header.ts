// RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request
// message that lacks a Host header field and to any request message that contains more than one Host
// header field line or a Host header field with an invalid field value." Node's own check (turned off
// in app.ts, so the refusal carries the platform's forms) only looked for a missing one. Node keeps the
// first Host line in request.headers and drops the others (rawHeaders has every line, as sent), and lets
// an empty value, spaces or non-ASCII through (it trims the value's leading and trailing whitespace).
//
// The valid value is RFC 9110 §7.2's `Host = uri-host [ ":" port ]`, uri-host from RFC 3986 §3.2.2
// (IP-literal / IPv4address / reg-name; an IPv4 address is a reg-name by its characters); port is digits,
// refused past 65535 (a TCP port is 16 bits: a larger one cannot name this server). An empty host
// is refused: RFC 9112 §3.2 allows an empty Host only when the target URI has no authority, and every
// request this server routes is to an "http"/"https" URI (origin-form: its authority is the Host;
// absolute-form: an http URI, which always has one), whose empty host RFC 9110 §4.2.1 says a recipient
// MUST reject as invalid. So "Host:" and "Host: :8080" are refused, /api and /ext/rest alike.
//
// On the normal path (one Host, a name or an address): a read of its characters and of each header
// name's length in rawHeaders, nothing allocated. Only a bracketed IP literal ("[::1]") is cut out to be
// read as an IPv6 address.
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

const REG_NAME = 1; // unreserved / sub-delims / "%" (of a pct-encoded)
const IN_BRACKETS = 2; // unreserved / sub-delims / ":" (what IPv6address and IPvFuture are made of)
const HEX = 4;
const DIGIT = 8;
const CLASS = new Uint8Array(128);
const mark = (chars: string, bits: number) => {
  for (let i = 0; i < chars.length; i++) CLASS[chars.charCodeAt(i)]! |= bits;
};
const DIGITS = '0123456789';
const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
mark(`${ALPHA}${DIGITS}-._~!$&'()*+,;=`, REG_NAME | IN_BRACKETS);
mark('%', REG_NAME);
mark(':', IN_BRACKETS);
mark(`${DIGITS}ABCDEFabcdef`, HEX);
mark(DIGITS, DIGIT);

const MAX_PORT = 65535;

const is = (c: number, bits: number): boolean => c < 128 && (CLASS[c]! & bits) !== 0;

/** IPvFuture (RFC 3986 §3.2.2): "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ). */
const IPV_FUTURE = /^[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+$/;

/** Whether `value` (a Host field value, trimmed as Node gives it) is `uri-host [ ":" port ]` with a host that is not empty and a port of at most 65535. */
export function isValidHost(value: string): boolean {
  const n = value.length;
  let i = 0;
  if (n === 0) return false;
  if (value.charCodeAt(0) === 0x5b /* [ */) {
    const close = value.indexOf(']');
    if (close < 0) return false;
    for (i = 1; i < close; i++) if (!is(value.charCodeAt(i), IN_BRACKETS)) return false;
    const literal = value.slice(1, close);
    if (!isIPv6(literal) && !IPV_FUTURE.test(literal)) return false;
    i = close + 1;
  } else {
    while (i < n) {
      const c = value.charCodeAt(i);
      if (c === 0x3a /* : */) break;
      if (!is(c, REG_NAME)) return false;
      if (c === 0x25 /* % */) {
        if (i + 2 >= n || !is(value.charCodeAt(i + 1), HEX) || !is(value.charCodeAt(i + 2), HEX)) return false;
        i += 3;
      } else i++;
    }
    if (i === 0) return false; // an empty host (RFC 9110 §4.2.1)
  }
  if (i === n) return true;
  if (value.charCodeAt(i) !== 0x3a) return false;
  // port = *DIGIT (RFC 3986 §3.2.3), and a TCP port is 16 bits: past 65535 it names no port of this
  // server. Summed as read (leading zeros allowed), refused once over, so no digit count overflows.
  let port = 0;
  for (i++; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!is(c, DIGIT)) return false;
    port = port * 10 + (c - 0x30);
    if (port > MAX_PORT) return false;
  }
  return true;
}

/** Whether the header name `name` is "Host", in any case. */
const isHostName = (name: string): boolean =>
  name.length === 4 &&
  (name.charCodeAt(0) | 0x20) === 0x68 &&
  (name.charCodeAt(1) | 0x20) === 0x6f &&
  (name.charCodeAt(2) | 0x20) === 0x73 &&
  (name.charCodeAt(3) | 0x20) === 0x74;

/** Whether more than one of the header lines `rawHeaders` (name, value, name, value…) is a Host line. */
export function hasSeveralHosts(rawHeaders: readonly string[]): boolean {
  let seen = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!isHostName(rawHeaders[i]!)) continue;
    if (seen) return true;
    seen = true;
  }
  return false;
}

/**
 * Why `request` is refused for its Host (RFC 9112 §3.2), or null: HOST_REQUIRED for an HTTP/1.1 request
 * without one (HTTP/1.0 needs none), HOST_INVALID for more than one Host line or a value that is not
 * host[:port], whatever the version.
 */
export function hostRefusal(request: Pick<IncomingMessage, 'headers' | 'rawHeaders' | 'httpVersionMinor'>): 'HOST_REQUIRED' | 'HOST_INVALID' | null {
  const host = request.headers.host;
  if (host === undefined) return request.httpVersionMinor === 1 ? 'HOST_REQUIRED' : null;
  return isValidHost(host) && !hasSeveralHosts(request.rawHeaders) ? null : 'HOST_INVALID';
}
