import type { DemoAnnouncement, DemoCall, DemoEndState, DemoRecording } from './calls.ts';

/** A command as the PBX received it, for tests and the CLI's log. */
export interface ReceivedCommand {
  command: string;
  /** Parameters with lower-cased names; Password is never kept. */
  params: Record<string, string>;
  at: number;
}

/** What a DemoPbx tells its listeners (the CLI prints them, tests wait on them). */
export interface DemoPbxEvents {
  listening: [string];
  command: [ReceivedCommand];
  'call-added': [DemoCall];
  'call-changed': [DemoCall];
  'call-ended': [DemoCall, DemoEndState];
  'recording-saved': [DemoRecording];
  /** Speak or Play was carried out on a call. */
  announcement: [DemoAnnouncement];
  notification: [{ url: string; ok: boolean; error?: string }];
  /** A recording file is being served (its throttle, if any, has started on the PBX's clock). */
  download: [{ name: string; range: string | undefined }];
}

/** The part of the PBX's event emitter that its pieces are given, to tell what happened. */
export interface DemoPbxEmitter {
  emit<K extends keyof DemoPbxEvents>(event: K, ...args: DemoPbxEvents[K]): boolean;
}
