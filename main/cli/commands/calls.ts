import { OzekiClient } from '../../ozeki/client.ts';
import { callsTable } from '../format.ts';
import type { CliIo } from '../io.ts';
import { pbxOptions, type PbxFlags } from '../pbx-flags.ts';

export const callsHelp = 'calls --pbx-url URL [--username U] [--json]   list the active calls (password from OZEKI_PASSWORD)';

export async function callsCommand(flags: PbxFlags & { json?: boolean }, io: CliIo): Promise<void> {
  const client = new OzekiClient(pbxOptions(flags, io));
  try {
    const calls = await client.listActiveCalls();
    if (flags.json) io.json(calls);
    else for (const line of callsTable(calls)) io.out(line);
  } finally {
    await client.close();
  }
}
