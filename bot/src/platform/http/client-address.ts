import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

export interface AddressedRequest {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string };
}

/**
 * The address a request came from. Each proxy in front appends the address it got the request from to
 * X-Forwarded-For, so with `trustedHops` of them the entry that many places from the right is the client's;
 * entries further left are whatever the client wrote, and are never read. Without trusted proxies, or when a
 * request arrives with fewer entries (it did not pass them all), the connection's own address.
 */
export function clientAddress(req: AddressedRequest, trustedHops: number): string {
  const own = req.socket.remoteAddress ?? '';
  if (trustedHops === 0) return withoutPort(own);
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return withoutPort(entries[entries.length - trustedHops] ?? own);
}

/** App Service writes "203.0.113.7:51234" and "[2001:db8::7]:51234"; Node an IPv4 client as "::ffff:203.0.113.7". */
function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/i.exec(address);
  return v4 ? v4[1]! : address;
}

/** What a per-address limit counts: an IPv4 address, or an IPv6 address's /64 (what one subscriber usually has). */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** Headers a proxy or tunnel adds when it passes a request on; a request made on this machine has none. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-original-host', 'x-ms-original-url'];
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/**
 * A request made on this machine to this machine: from a loopback address, for a loopback host name (a web page
 * elsewhere that rebinds its own name to 127.0.0.1 still sends its own name), and not passed on by a proxy or a
 * tunnel (a dev tunnel connects from loopback too, but says whom it forwards for).
 */
export function isLocalRequest(req: AddressedRequest): boolean {
  const from = withoutPort(req.socket.remoteAddress ?? '');
  const loopback = from === '::1' || /^127(?:\.\d{1,3}){3}$/.test(from);
  return loopback && LOOPBACK_HOST.test(String(req.headers.host ?? '')) && FORWARDING_HEADERS.every((h) => req.headers[h] === undefined);
}
