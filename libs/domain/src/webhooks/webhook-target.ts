import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook must never reach (SSRF): loopback, private, shared, link-local (cloud metadata at
 * 169.254.169.254), multicast, reserved, and their IPv6 counterparts, IPv4-mapped ones included.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** True for an address a webhook may not be sent to. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) {
    return PRIVATE.check(mapped[1], 'ipv4');
  }
  const family = isIP(address);
  return family === 0 || PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why a webhook URL is refused without any lookup (`localhost`, a private IP literal), or null. */
export function privateTargetReason(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return `${host} is this machine`;
  }
  return isIP(host) !== 0 && isPrivateAddress(host) ? `${host} is a private address` : null;
}

/** A webhook target refused by the SSRF guard: the delivery fails at once, retrying would not help. */
export class WebhookTargetRefused extends Error {
  override readonly name = 'WebhookTargetRefused';
}

/** dns.lookup that refuses names resolving to a private address, checked on the very addresses connected to. */
function guardedLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        return callback(error, '', 4);
      }
      const refused = addresses.find((candidate) => isPrivateAddress(candidate.address));
      if (refused) {
        return callback(
          new WebhookTargetRefused(`${hostname} resolves to ${refused.address}, a private address`),
          '',
          4,
        );
      }
      if (options.all) {
        return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      }
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Lets private targets through (development and tests, where receivers run on this machine). */
  allowPrivate: boolean;
}

/**
 * POSTs a webhook and resolves with the receiver's status code; redirects are not followed. Unless
 * `allowPrivate`, a private IP literal or a name resolving to a private address is refused with
 * {@link WebhookTargetRefused}: the check runs inside the connection's own lookup, so DNS rebinding between a
 * check and the connection cannot slip through.
 */
export function postWebhook({ url, headers, body, timeoutMs, allowPrivate }: WebhookPost): Promise<number> {
  const target = new URL(url);
  const reason = allowPrivate ? null : privateTargetReason(target);
  if (reason) {
    return Promise.reject(new WebhookTargetRefused(reason));
  }
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    ...(allowPrivate ? {} : { lookup: guardedLookup() }),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target, options, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
      response.once('error', reject);
    });
    // One deadline for the whole exchange: connecting, sending and the receiver's answer.
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.once('close', () => clearTimeout(deadline));
    request.once('error', reject);
    request.end(body);
  });
}
