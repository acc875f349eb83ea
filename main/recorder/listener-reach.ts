import { firewallAddRule } from './firewall-rule.ts';
import type { RecorderEvent } from './state.ts';

/**
 * Notices when the PBX's notifications most likely cannot reach the listener: a firewall (on Windows, Defender
 * Firewall after a per-user install, which cannot add the app's rule) lets the app call the PBX but not the PBX
 * call back. What this side can know honestly: the self-test calls the listener from this machine, which no
 * firewall blocks, so it proves nothing about the PBX's side; but when a recording ends without RecordCompleted
 * while the PBX is connected, and nothing from another machine has reached the listener since it started (no
 * RecordCompleted, no CallChanged, not even a refused caller), the likeliest cause is that nothing can. Then the
 * user is told, once, what to ask IT for.
 */
export class ListenerReach {
  private reached = false;
  private told = false;
  private connected = false;

  constructor(private readonly options: { port: () => number; warn: (message: string) => void; platform?: NodeJS.Platform; program?: string }) {}

  /** A notification from an allowed caller (the PBX) arrived: the listener can be reached. */
  notified(): void {
    this.reached = true;
  }

  /** The listener refused a caller: one from another machine got through the firewall. */
  refused(from: string): void {
    if (!isLoopback(from)) this.reached = true;
  }

  /** Follows the service's events: the PBX link, RecordCompleted arriving, recordings missed. */
  see(event: RecorderEvent): void {
    if (event.type === 'link') this.connected = event.link.status === 'connected';
    else if (event.type === 'recording-completed') this.reached = true;
    else if (event.type === 'recording-missed') this.missed();
  }

  private missed(): void {
    if (this.reached || this.told || !this.connected) return;
    this.told = true;
    this.options.warn(unreachableListenerAdvice(this.options.port(), this.options.platform ?? process.platform, this.options.program ?? process.execPath));
  }
}

const isLoopback = (address: string) => address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');

/** What to tell the user, with the exact rule to ask IT for on Windows. */
export function unreachableListenerAdvice(port: number, platform: NodeJS.Platform, program: string): string {
  const what = `A recording ended but the PBX's "recording finished" notice never arrived, and nothing from the network has reached Ozeki Recorder's listener (port ${port}).`;
  if (platform !== 'win32') return `${what} A firewall on this computer most likely blocks it: allow incoming TCP connections to port ${port} from the PBX.`;
  return `${what} Windows Defender Firewall most likely blocks it, and only an administrator can allow it. Ask your IT department to allow Ozeki Recorder in, for example with: ${firewallAddRule(program)}`;
}
