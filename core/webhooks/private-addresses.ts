import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook must not reach unless the operator allows it (WEBHOOK_ALLOW_PRIVATE=true): this
 * machine, the private network it sits in, link-local (cloud metadata at 169.254.169.254), and addresses
 * that mean "nowhere" or "everyone". An admin's endpoint URL would otherwise let them probe the inside.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** True for an address a webhook may not reach by default; IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: never connect to it
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The refusal a delivery records, saying what to change. */
export function privateAddressError(host: string, address: string): Error {
  return new Error(`${host} resolves to ${address}, a private or local address: refused (set WEBHOOK_ALLOW_PRIVATE=true to allow it)`);
}

/**
 * A DNS lookup for the connection itself that refuses private answers: checking the name first and connecting
 * later would let a name that changes its answer in between (DNS rebinding) slip through.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(privateAddressError(hostname, refused.address), '', 0);
    if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
