import { DemoPbx } from '../../demo-pbx/server.ts';
import { describeCaller } from '../../../preload/display.ts';
import { CliError, waitForStop, type CliIo } from '../io.ts';

export const demoPbxHelp = 'demo-pbx [--host 127.0.0.1] [--port 7780] [--require-login USER]   run the demo PBX alone';

export async function demoPbxCommand(flags: { port?: string; host?: string; 'require-login'?: string }, io: CliIo): Promise<void> {
  const port = flags.port === undefined ? 7780 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not "${flags.port}".`);
  const user = flags['require-login'];
  const password = io.env['OZEKI_PASSWORD'];
  if (user && !password) throw new CliError('--require-login needs the password in the OZEKI_PASSWORD environment variable.');
  const pbx = new DemoPbx({ host: flags.host ?? '127.0.0.1', port, traffic: true, ...(user && password ? { auth: { username: user, password } } : {}) });
  pbx.on('listening', (url) => io.out(`Demo PBX listening on ${url}`));
  pbx.on('call-added', (c) => io.out(`+ ${c.callId} ${describeCaller(c)} -> ${c.destination} ${c.state}`));
  pbx.on('call-changed', (c) => io.out(`~ ${c.callId} ${c.state}`));
  pbx.on('call-ended', (c, how) => io.out(`- ${c.callId} ended (${how})`));
  pbx.on('command', (c) => {
    if (c.command.toLowerCase() === 'record') io.out(`* Record ${c.params['callid'] ?? '?'} (${c.params['format'] ?? 'mp3'})`);
  });
  pbx.on('recording-saved', (r) => io.out(`* recording of ${r.callId} ready: ${r.recordUrl}`));
  pbx.on('notification', (n) => io.out(n.ok ? `* RecordCompleted delivered to ${new URL(n.url).origin}` : `! RecordCompleted not delivered: ${n.error}`));
  try {
    await pbx.start();
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(code === 'EADDRINUSE' ? `Port ${port} is already in use; pick another with --port.` : `Cannot start the demo PBX: ${String(error)}`);
  }
  await waitForStop(io.stop);
  await pbx.stop();
  io.out('Demo PBX stopped.');
}
