import { describeCaller } from '../../../preload/display.ts';
import { waitForStop, type CliIo } from '../io.ts';
import { flagUsage, RECORDER_FLAGS_HELP, type RecorderFlags } from '../recorder-flags.ts';
import { openRecorder } from '../recorder-session.ts';
import type { RecorderEvent } from '../../recorder/state.ts';
import { warningText } from '../../recorder/warning-text.ts';

export const runHelp = `run ${flagUsage(['pbx-url', 'folder'], ['folder'])} ${RECORDER_FLAGS_HELP}   record headless; without --pbx-url on a demo PBX`;

/** One line per event, for a person reading a terminal or a log file. */
export function describeEvent(event: RecorderEvent): string | undefined {
  switch (event.type) {
    case 'link':
      return `pbx      ${event.link.message}`;
    case 'call-seen':
      return `call     ${event.call.callId}  ${describeCaller(event.call)} -> ${event.call.destination} (${event.call.state})`;
    case 'call-ended':
      return `ended    ${event.callId}`;
    case 'recording-started':
      return `record   ${event.callId}  recording started${event.auto ? ' (auto-record)' : ''}`;
    case 'recording-unconfirmed':
      return `record   ${event.callId}  starting — no answer from the PBX yet; waiting for its recording${event.auto ? ' (auto-record)' : ''}`;
    case 'recording-paused':
      return `paused   ${event.callId}  the PBX goes on recording; this part will be cut out`;
    case 'recording-resumed':
      return `resumed  ${event.callId}`;
    case 'announced':
      return `announce ${event.callId}  the call was told it is recorded (${event.how === 'text' ? 'text said' : 'file played'})`;
    case 'announcement-failed':
      return `announce ${event.callId}  not announced: ${event.message}${event.recorded ? ' Recording anyway.' : ' Not recording.'}`;
    case 'recording-completed':
      return `ready    ${event.callId}  the PBX finished the recording`;
    case 'recording-saved':
      return `saved    ${event.callId}  ${event.path}`;
    case 'recording-queued':
      return `queued   ${event.callId}  ${event.path}: the recordings folder ${event.folder} cannot be reached; kept on this computer until it is back`;
    case 'recording-failed':
      return `failed   ${event.callId}  ${event.message}`;
    case 'recording-missed':
      return `missed   ${event.callId}  ${event.message}`;
    case 'recording-dismissed':
      return `dismissed ${event.callId}`;
    case 'recording-not-saved':
      return `not saved ${event.callId}  ${event.message}`;
    case 'warning':
      return `warning  ${warningText(event)}`;
    default:
      return undefined;
  }
}

export async function runCommand(flags: RecorderFlags, io: CliIo): Promise<void> {
  const session = await openRecorder(flags, io, { needFolder: true, allowDemo: true });
  const print = (event: RecorderEvent) => {
    if (flags.json) io.json({ time: new Date().toISOString(), ...event });
    else {
      const line = describeEvent(event);
      if (line) io.out(line);
    }
  };
  session.service.on('event', print);
  const state = session.service.state();
  if (session.demo) print({ type: 'warning', kind: 'demo-pbx', message: `No --pbx-url given: using a demo PBX at ${session.demo.url}.` });
  if (state.listener.url) {
    io.err(`Listening for finished recordings on ${session.service.callbackUrl}`);
    io.err(`For live updates, set the PBX's CallChanged URL to ${session.service.callChangedUrlHint}`);
  }
  await waitForStop(io.stop);
  await session.close();
}
