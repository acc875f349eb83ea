import type { OzekiClientOptions } from '../ozeki/client.ts';
import { CliError, type CliIo } from './io.ts';

export interface PbxFlags {
  'pbx-url'?: string;
  username?: string;
  timeout?: string;
}

export const PBX_FLAG_SPEC = {
  'pbx-url': { type: 'string' },
  username: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** How long the PBX has to answer each command, unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Client options from the flags; the password only ever comes from OZEKI_PASSWORD, never from a flag. */
export function pbxOptions(flags: PbxFlags, io: CliIo): OzekiClientOptions {
  const baseUrl = flags['pbx-url'];
  if (!baseUrl) throw new CliError('Say which PBX to use with --pbx-url, e.g. --pbx-url http://192.168.0.10:7780');
  const timeoutMs = flags.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new CliError(`--timeout must be a number of milliseconds, not "${flags.timeout}".`);
  const password = io.env['OZEKI_PASSWORD'];
  return { baseUrl, timeoutMs, ...(flags.username ? { username: flags.username } : {}), ...(password ? { password } : {}) };
}
