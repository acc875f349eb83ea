import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OzekiClient } from '../../ozeki/client.ts';
import { OzekiError } from '../../ozeki/errors.ts';
import { linkFromError } from '../../recorder/monitor.ts';
import { checkFolder, formatBytes } from '../../recorder/folder.ts';
import { workFolderUsage } from '../../recorder/work-folder.ts';
import { CliError, type CliIo } from '../io.ts';
import { pbxOptions } from '../pbx-flags.ts';
import { flagUsage, type RecorderFlags } from '../recorder-flags.ts';
import { openRecorder } from '../recorder-session.ts';

export const doctorHelp = `doctor ${flagUsage(['pbx-url', 'username', 'folder', 'listen', 'callback-url'], ['pbx-url'])}   check the PBX, the password, the folder and the listener`;

type Check = { ok: boolean; line: string };

/** What the hidden work folder holds, so that space taken by unfinished recordings is never a mystery. */
async function workFolderLine(folder: string): Promise<string> {
  const usage = await workFolderUsage(folder);
  if (usage.files.length === 0) return `Work folder ${usage.path} is empty`;
  const ids = usage.recordings.length > 3 ? `${usage.recordings.slice(0, 3).join(', ')}, …` : usage.recordings.join(', ');
  const files = `${usage.files.length} file${usage.files.length === 1 ? '' : 's'}`;
  const recordings = `${usage.recordings.length} unfinished recording${usage.recordings.length === 1 ? '' : 's'}`;
  return `Work folder ${usage.path} holds ${files}, ${formatBytes(usage.bytes)}, of ${recordings} (${ids})`;
}

export async function doctorCommand(flags: RecorderFlags, io: CliIo): Promise<void> {
  const checks: Check[] = [];
  const report = (check: Check) => {
    checks.push(check);
    io.out(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.line}`);
  };
  const client = new OzekiClient(pbxOptions(flags, io));
  try {
    const calls = await client.listActiveCalls();
    report({ ok: true, line: `PBX reachable at ${client.displayUrl} (${calls.length} active calls)` });
    report({ ok: true, line: flags.username ? `Credentials of ${flags.username} accepted` : 'No login needed' });
  } catch (error) {
    const auth = error instanceof OzekiError && error.isAuthentication;
    report({ ok: auth, line: auth ? `PBX reachable at ${client.displayUrl}` : linkFromError(error).message });
    if (auth) report({ ok: false, line: `Credentials refused: ${error.message}` });
  } finally {
    await client.close();
  }
  if (flags.folder) {
    try {
      const { freeBytes } = await checkFolder(flags.folder);
      report({ ok: true, line: `Folder ${flags.folder} is writable, ${formatBytes(freeBytes)} free` });
      report({ ok: true, line: await workFolderLine(flags.folder) });
    } catch (error) {
      report({ ok: false, line: error instanceof Error ? error.message : String(error) });
    }
  }
  // The listener is checked with a throw-away journal, so a doctor run never touches real recordings.
  const dataDir = await mkdtemp(join(tmpdir(), 'ozeki-recorder-doctor-'));
  try {
    const session = await openRecorder({ ...flags, folder: undefined }, io, { needFolder: false, allowDemo: false, dataDir });
    try {
      const test = await session.service.selfTest();
      report({ ok: test.ok, line: test.ok ? `Listener answers on ${session.service.callbackUrl} (give the PBX this address)` : test.message });
    } finally {
      await session.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => !c.ok).length;
  if (failed > 0) throw new CliError(`${failed} of ${checks.length} checks failed.`);
}
