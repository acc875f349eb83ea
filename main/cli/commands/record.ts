import { CliError, type CliIo } from '../io.ts';
import { flagUsage, type RecorderFlags } from '../recorder-flags.ts';
import { openRecorder } from '../recorder-session.ts';
import type { RecorderEvent } from '../../recorder/state.ts';

export const recordHelp = `record CALLID ${flagUsage(['pbx-url', 'folder', 'format'], ['pbx-url', 'folder'])} [any option of run]   record one call, wait until it is saved, print the path`;

export async function recordCommand(callId: string | undefined, flags: RecorderFlags, io: CliIo): Promise<void> {
  if (!callId) throw new CliError('Say which call to record: ozeki-recorder record CALLID … (see "ozeki-recorder calls").');
  const session = await openRecorder(flags, io, { needFolder: true, allowDemo: false });
  try {
    await session.service.refreshCalls();
    const link = session.service.state().link;
    if (link.status !== 'connected') throw new CliError(link.message);
    const outcome = new Promise<RecorderEvent>((resolve) => {
      session.service.on('event', (event) => {
        const ends = ['recording-saved', 'recording-failed', 'recording-missed', 'recording-not-saved'].includes(event.type);
        if (ends && 'callId' in event && event.callId === callId) resolve(event);
      });
    });
    const started = await session.service.toggle(callId);
    if (!started.ok) throw new CliError(started.message);
    io.err(`Recording ${callId}; the PBX records until the call ends. Press Ctrl+C to stop waiting (the recording is kept and saved by the next run).`);
    const event = await Promise.race([
      outcome,
      new Promise<undefined>((resolve) => io.stop.addEventListener('abort', () => resolve(undefined), { once: true })),
    ]);
    if (!event) throw new CliError('Stopped waiting; the recording stays in the journal and is saved by the next "run" or "record".');
    if (event.type === 'recording-saved') io.out(event.path);
    else if (event.type === 'recording-failed' || event.type === 'recording-not-saved') throw new CliError(event.message);
    else throw new CliError('The call ended but the PBX never sent the recording. Check that it can reach this computer ("ozeki-recorder doctor").');
  } finally {
    await session.close();
  }
}
