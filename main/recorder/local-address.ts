import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** The PBX host's IP address (a name is resolved once). */
export async function resolveHost(host: string): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return bare;
  return (await lookup(bare)).address;
}

/**
 * The local address that routes to `remoteIp`: a UDP socket "connected" to it asks the OS for the route
 * without sending a packet.
 */
export async function localAddressTowards(remoteIp: string): Promise<string> {
  const socket = createSocket(isIP(remoteIp) === 6 ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(9, remoteIp, () => resolve());
    });
    return socket.address().address;
  } finally {
    socket.close();
  }
}
