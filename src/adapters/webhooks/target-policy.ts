// Where webhooks may be delivered. An operator names the URL, the platform makes the request:
// without a check, a webhook could reach what only the platform's own network can (a database
// console on 127.0.0.1, a cloud metadata service on 169.254.169.254: server-side request
// forgery). Outside demo mode (WEBHOOK_ALLOW_PRIVATE), addresses that are not public are refused
// when the webhook is registered (an address or localhost in the URL) and again when each delivery
// connects (the address the name resolves to at that moment, so a name re-pointed later is caught).
import dns from 'node:dns';
import net from 'node:net';

/** Special-purpose ranges (IANA IPv4/IPv6 special-purpose address registries) a webhook never needs. */
// Two lists: a BlockList checks an IPv4 address against its IPv6 rules too (as IPv4-mapped).
const NOT_PUBLIC_V4 = new net.BlockList();
const NOT_PUBLIC_V6 = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // this network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC_V4.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d (::7f00:1 is 127.0.0.1)
  ['::1', 128], // loopback
  ['::ffff:0:0', 96], // IPv4-mapped (also written ::ffff:7f00:1): no webhook needs one, and it can hide 127.0.0.1
  ['64:ff9b::', 96], // NAT64 to IPv4
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215)
  ['100::', 64], // discard-only
  ['2002::', 16], // 6to4: the next 32 bits are an IPv4 address, a private one too (2002:0a00:0001:: is 10.0.0.1)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC_V6.addSubnet(prefix, bits, 'ipv6');

export function isPublicAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return !NOT_PUBLIC_V4.check(ip, 'ipv4');
  if (family === 6) {
    return !NOT_PUBLIC_V6.check(ip, 'ipv6');
  }
  return false;
}

/** At registration: the host of a URL that names a non-public address or localhost, else null (names are checked when delivering). */
/** A URL's host without the brackets of an IPv6 address, lower case. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

export function nonPublicHostOf(url: URL): string | null {
  const host = hostOf(url);
  if (host === 'localhost' || host.endsWith('.localhost')) return host;
  if (net.isIP(host) && !isPublicAddress(host)) return host;
  return null;
}

/** A dns.lookup for the delivery's connection that fails on a non-public address. */
export function publicOnlyLookup(hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void): void {
  dns.lookup(hostname, options, (err, address, family) => {
    if (err) return callback(err, address, family);
    const all = Array.isArray(address) ? address : [{ address, family }];
    const refused = all.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(Object.assign(new Error(`${hostname} resolves to ${refused.address}, which is not a public address (WEBHOOK_ALLOW_PRIVATE)`), { code: 'ENOTPUBLIC' }), address, family);
    callback(null, address, family);
  });
}
