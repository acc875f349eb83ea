import { BlockList, isIP, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';

/** A dropped address is reported once, then not again for this long: a stranger cannot flood the log. */
const REPORT_EVERY_MS = 60_000;
/** Past this many remembered strangers the memory is cleared rather than grown. */
const MAX_REMEMBERED = 1000;

/** The form the allow-list and the interfaces use: "10.0.0.5" for "::ffff:10.0.0.5", "fe80::1" for "fe80::1%eth0". */
export function plainAddress(address: string): string {
  const unscoped = address.split('%')[0] ?? '';
  return unscoped.startsWith('::ffff:') && isIP(unscoped.slice(7)) === 4 ? unscoped.slice(7) : unscoped;
}

/** A BlockList of "10.0.0.5", "192.168.0.0/16", "::1" entries; a bad entry is an error with its text. */
export function allowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const raw of entries) {
    const [address = '', bits] = raw.trim().split('/');
    const family = isIP(address);
    if (!family || (bits !== undefined && !/^\d+$/.test(bits))) throw new Error(`"${raw}" is not an IP address or range.`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** Whether the address is one of this machine's interfaces, read afresh each time (addresses come and go). */
function isOwnAddress(address: string): boolean {
  try {
    return Object.values(networkInterfaces()).some((addresses) => addresses?.some((a) => a.address === address) ?? false);
  } catch {
    return false; // the interfaces could not be read: treat the peer as a stranger rather than fail the listener
  }
}

/**
 * Who may talk to the listener: the allowed callers (by default the PBX) send notifications, and this machine's own
 * addresses may also connect, for the self-test. Anyone else is dropped as soon as they connect, before a byte
 * of theirs is read, so a stranger can neither hold a connection nor make the listener parse anything.
 */
export class AllowedCallers {
  private readonly list: BlockList;
  private readonly reported = new Map<string, number>();

  constructor(
    entries: string[],
    private readonly report: (reason: string, from: string) => void = () => undefined,
  ) {
    this.list = allowList(entries);
  }

  /** May send notifications. */
  allows(address: string): boolean {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && this.list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }

  /** May connect at all, and run the self-test. */
  mayConnect(address: string): boolean {
    return this.allows(address) || isOwnAddress(plainAddress(address));
  }

  /** The server's `connection` listener: closes a connection from anyone who may not connect, with no answer. */
  admit(socket: Socket): void {
    const from = plainAddress(socket.remoteAddress ?? '');
    if (this.mayConnect(from)) return;
    socket.destroy();
    const now = Date.now();
    if (now - (this.reported.get(from) ?? -Infinity) < REPORT_EVERY_MS) return;
    if (this.reported.size >= MAX_REMEMBERED) this.reported.clear();
    this.reported.set(from, now);
    this.report('Caller not allowed', from);
  }
}
