// The portal's public origin for absolute links the platform hands out (the QR code of a payment
// certificate, the consent link sent to a consumer). The Host header is chosen by the client: a
// forged one must never reach such a link. So: PUBLIC_URL when configured; otherwise the request's
// host only when it names this machine (development and demo on localhost); otherwise
// http://localhost:<the port the request came in on>, a link that leads nowhere else.
import type { FastifyRequest } from 'fastify';

// host = hostname or [IPv6], optional :port (RFC 9110 §7.2); nothing else (no userinfo, path or spaces).
const HOST_HEADER = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/;
const IPV4_LOOPBACK = /^127\.(?:\d{1,3})\.(?:\d{1,3})\.(?:\d{1,3})$/;

/** `host[:port]` of a Host header naming a loopback host (localhost, *.localhost, 127.0.0.0/8, [::1]), else null. */
export function loopbackHostOf(hostHeader: string | undefined): string | null {
  const m = HOST_HEADER.exec(hostHeader ?? '');
  if (!m) return null;
  const [, ipv6, name, port] = m;
  if (port !== undefined && Number(port) > 65_535) return null;
  const suffix = port !== undefined ? `:${port}` : '';
  if (ipv6 !== undefined) return ipv6 === '::1' || ipv6 === '0:0:0:0:0:0:0:1' ? `[::1]${suffix}` : null;
  const host = name!.toLowerCase().replace(/\.$/, '');
  const loopback = host === 'localhost' || host.endsWith('.localhost') || (IPV4_LOOPBACK.test(host) && host.split('.').every((o) => Number(o) <= 255));
  return loopback ? `${host}${suffix}` : null;
}

/** The origin (scheme://host[:port], no trailing slash) for links handed out in answer to `request`. */
export function publicOriginOf(request: FastifyRequest, publicUrl: string | null | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const loopback = loopbackHostOf(request.headers.host);
  if (loopback) return `${request.protocol}://${loopback}`;
  const port = request.socket?.localPort;
  return `http://localhost${port ? `:${port}` : ''}`;
}
