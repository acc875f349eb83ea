import { EventEmitter } from 'node:events';
import { fetchAnnouncementAudio } from './announcement-audio.ts';
import { CallModel, type DemoAnnouncement, type DemoCall, type DemoEndState, type DemoLegState, type DemoRecording, type NewDemoCall } from './calls.ts';
import { systemClock, type DemoClock } from './clock.ts';
import { runCommand, type CommandParams } from './commands.ts';
import type { DemoPbxEvents, ReceivedCommand } from './events.ts';
import { demoFaults, type DemoFaults } from './faults.ts';
import { DemoHttpServer } from './http.ts';
import { RecordingProducer } from './recordings.ts';
import { Traffic } from './traffic.ts';
import type { WavEncoding } from './wav-encodings.ts';

export interface DemoPbxOptions {
  host?: string;
  /** 0 picks a free port (tests); the CLI uses 7780 like the real PBX. */
  port?: number;
  /** Where recordings are written; a new temp folder by default. */
  recordingsDir?: string;
  /** Office-user authentication: when set, every command needs this Username and Password. */
  auth?: { username: string; password: string };
  /** Calls that come and go by themselves. Off by default (tests script their calls). */
  traffic?: boolean | { maxCalls?: number; meanGapSeconds?: number };
  /**
   * ASSUMPTION (the docs are silent): a second Record on a call that is already being recorded is refused
   * with 303 ("reject", default), or starts a second file ("new-file").
   */
  secondRecord?: 'reject' | 'new-file';
  random?: () => number;
  /** Where time comes from; the system clock by default. Tests pass a fake one (test/helpers/fake-clock.ts). */
  clock?: DemoClock;
  /** How WAV recordings are encoded (wav-encodings.ts); 16-bit PCM by default. */
  wavEncoding?: WavEncoding;
  /** A file served as every recording instead of one written for the call (a format the demo PBX cannot write). */
  recordingFile?: string;
  /** Fault switches set from the start; `faults` can be changed at any time after. */
  faults?: Partial<DemoFaults>;
}

/**
 * A simulated Ozeki Phone System PBX speaking its HTTP API (docs/ozeki-http-api.md). This class only puts the
 * pieces together and is what tests and the CLI hold: the call model (calls.ts), the commands (commands.ts), the
 * web server (http.ts), the recordings folder (recordings.ts), the traffic generator (traffic.ts) and the fault
 * switches (faults.ts).
 */
export class DemoPbx extends EventEmitter<DemoPbxEvents> {
  /** The fault switches, read live by every piece: change them while the PBX runs. */
  readonly faults: DemoFaults;
  /** Every command received, in order. */
  readonly received: ReceivedCommand[] = [];
  private readonly clock: DemoClock;
  private readonly calls: CallModel;
  private readonly http: DemoHttpServer;
  private readonly recordings: RecordingProducer;
  private readonly traffic: Traffic | undefined;
  private readonly pendingWork = new Set<Promise<unknown>>();

  constructor(private readonly options: DemoPbxOptions = {}) {
    super();
    this.faults = demoFaults(options.faults);
    this.clock = options.clock ?? systemClock;
    const random = options.random ?? Math.random;
    this.calls = new CallModel(this.clock, random, this);
    this.recordings = new RecordingProducer({
      folder: options.recordingsDir,
      faults: this.faults,
      baseUrl: () => this.url,
      events: this,
      wavEncoding: options.wavEncoding,
      recordingFile: options.recordingFile,
    });
    this.http = new DemoHttpServer({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      clock: this.clock,
      faults: this.faults,
      command: (params) => this.command(params),
      recordings: this.recordings,
      onDownload: (download) => this.emit('download', download),
    });
    if (options.traffic) {
      const settings = typeof options.traffic === 'object' ? options.traffic : {};
      this.traffic = new Traffic(
        {
          activeCount: () => this.calls.liveCalls().length,
          addCall: (call) => this.addCall(call),
          answer: (id) => this.answer(id),
          hold: (id) => this.calls.find(id)?.state === 'InCall' && this.hold(id),
          unhold: (id) => this.calls.find(id)?.state === 'Hold' && this.unhold(id),
          end: (id, by) => void this.endCall(id, by),
          exists: (id) => this.calls.find(id) !== undefined,
        },
        { random, clock: this.clock, maxCalls: settings.maxCalls ?? 5, meanGapSeconds: settings.meanGapSeconds ?? 15 },
      );
    }
  }

  /** The base URL of the HTTP API, e.g. http://127.0.0.1:7780 */
  get url(): string {
    return this.http.url;
  }

  /** Every request for a recording file, with its Range header. */
  get downloads(): readonly { name: string; range: string | undefined }[] {
    return this.http.downloads;
  }

  /** The most recording downloads that were running at the same time. */
  get peakConcurrentDownloads(): number {
    return this.http.peakConcurrentDownloads;
  }

  async start(): Promise<void> {
    await this.recordings.open();
    await this.http.listen();
    this.emit('listening', this.url);
    this.traffic?.start();
  }

  async stop(): Promise<void> {
    this.traffic?.stop();
    await this.http.close();
    await this.settled();
    await this.recordings.close();
  }

  /** Fault switch: stop accepting connections (clients see "connection refused") until {@link acceptConnections}. */
  async refuseConnections(): Promise<void> {
    await this.http.close();
  }

  async acceptConnections(): Promise<void> {
    await this.http.listen();
  }

  /** Waits until every recording file and notification started so far is done. */
  async settled(): Promise<void> {
    while (this.pendingWork.size > 0) await Promise.allSettled([...this.pendingWork]);
  }

  // ---- scripting calls (used by tests and by the traffic generator) ----

  addCall(call: NewDemoCall): string {
    return this.calls.add(call);
  }

  answer(callId: string): void {
    this.calls.answer(callId);
  }

  hold(callId: string): void {
    this.calls.setState(callId, 'Hold');
  }

  unhold(callId: string): void {
    this.calls.setState(callId, 'InCall');
  }

  /** Forwards a ringing call to `destination`: its history gets a row for the leg so far (NoAnswer by default). */
  forward(callId: string, destination: string, leg: DemoLegState = 'NoAnswer'): void {
    this.calls.forward(callId, destination, leg);
  }

  /**
   * Ends a call: its recordings are written, served and announced with RecordCompleted. Its history row says `by`
   * as fits whether it was answered: an answered call ends by a hang-up, an unanswered one Cancelled or Busy.
   */
  async endCall(callId: string, by: DemoEndState = 'CallerHangUp'): Promise<void> {
    const { endedAt, recordings, announcements } = this.calls.end(callId, by);
    const work = Promise.all(recordings.map((recording) => this.recordings.finish(recording, endedAt, announcements)));
    this.track(work);
    await work;
  }

  liveCalls(): DemoCall[] {
    return this.calls.liveCalls();
  }

  recordingsOf(callId: string): DemoRecording[] {
    return this.calls.recordingsOf(callId);
  }

  /** Announcements made on a call (Speak, Play), in order. */
  announcementsOf(callId: string): DemoAnnouncement[] {
    return this.calls.announcementsOf(callId);
  }

  private async command(params: CommandParams): Promise<string> {
    const command = params.get('command') ?? '';
    const kept = Object.fromEntries([...params].filter(([key]) => key !== 'password'));
    const received: ReceivedCommand = { command, params: kept, at: this.clock.now() };
    this.received.push(received);
    this.emit('command', received);
    // Play fetches its AudioFile before it plays (and answers) — only for a call it could play on.
    const audioFile = params.get('audiofile') ?? '';
    const fetches =
      command.toLowerCase() === 'play' && /^https?:\/\//i.test(audioFile) && !this.faults.refuseAnnouncements && this.calls.find(params.get('callid') ?? '');
    const playable = fetches ? await fetchAnnouncementAudio(audioFile) : undefined;
    return runCommand(params, {
      calls: this.calls,
      faults: this.faults,
      auth: this.options.auth,
      secondRecord: this.options.secondRecord ?? 'reject',
      now: this.clock.now(),
      hangUp: (callId) => this.track(this.endCall(callId, 'CalleeHungUp')),
      ...(playable ? { playable } : {}),
    });
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.pendingWork.delete(tracked));
    this.pendingWork.add(tracked);
  }
}
