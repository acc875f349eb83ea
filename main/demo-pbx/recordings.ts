import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeDemoRecording, type Stretch } from './audio.ts';
import type { WavEncoding } from './wav-encodings.ts';
import type { DemoAnnouncement, DemoRecording } from './calls.ts';
import type { DemoPbxEmitter } from './events.ts';
import type { DemoFaults } from './faults.ts';
import { postRecordCompleted } from './notify.ts';

export interface RecordingProducerOptions {
  /** Where the files go; a new temp folder (removed on close) when not given. */
  folder: string | undefined;
  faults: Readonly<DemoFaults>;
  /** The PBX's base URL, for RecordURL. */
  baseUrl: () => string;
  events: DemoPbxEmitter;
  /** How WAV recordings are encoded; 16-bit PCM by default. */
  wavEncoding?: WavEncoding | undefined;
  /**
   * A file served as every recording, whatever the call's length: for formats the demo PBX cannot write itself
   * (GSM, VBR MP3…; test/fixtures/audio has files made by real encoders).
   */
  recordingFile?: string | undefined;
}

/**
 * The PBX's recordings folder: when a call ends, each of its recordings becomes a real audio file as long as the
 * recording ran, and RecordCompleted is POSTed to its FinishedURL. The HTTP server serves the files from here.
 */
export class RecordingProducer {
  private folder: string | undefined;
  /** A temp folder made here is removed on close; a folder that was given is left alone. */
  private ownsFolder = false;
  private fileCounter = 0;

  constructor(private readonly options: RecordingProducerOptions) {
    this.folder = options.folder;
  }

  async open(): Promise<void> {
    if (this.folder) return;
    this.folder = await mkdtemp(join(tmpdir(), 'ozeki-demo-pbx-'));
    this.ownsFolder = true;
  }

  async close(): Promise<void> {
    if (this.ownsFolder && this.folder) await rm(this.folder, { recursive: true, force: true });
  }

  /**
   * Writes the file of a recording that ran until `endedAt` (the call's announcements marked where they were heard),
   * completes `recording` with it, and announces it with RecordCompleted.
   */
  async finish(recording: DemoRecording, endedAt: number, announcements: readonly DemoAnnouncement[] = []): Promise<void> {
    const file = join(this.requireFolder(), `${recording.callId}-${++this.fileCounter}.${recording.format}`);
    const seconds = Math.max(0, (endedAt - recording.startedAt) / 1000);
    const announced = heardIn(recording.startedAt, seconds, announcements);
    recording.announced = announced;
    if (this.options.recordingFile) await copyFile(this.options.recordingFile, file);
    else await writeDemoRecording(file, recording.format, seconds, { wavEncoding: this.options.wavEncoding, announced });
    recording.file = file;
    recording.seconds = seconds;
    recording.recordUrl = this.recordUrlFor(file);
    this.options.events.emit('recording-saved', { ...recording });
    const { faults } = this.options;
    if (!recording.finishedUrl || faults.notificationsLost) return;
    for (let i = 0; i < (faults.duplicateNotification ? 2 : 1); i++) {
      const delivery = await postRecordCompleted(recording.finishedUrl, recording.callId, recording.recordUrl);
      this.options.events.emit('notification', { url: recording.finishedUrl, ...delivery });
    }
  }

  /** A recording file by the name in its URL, with its size; undefined for any other name. */
  async fileNamed(name: string): Promise<{ file: string; size: number } | undefined> {
    if (!this.folder || name.includes('/') || name.includes('\\') || name.startsWith('.')) return undefined;
    const file = join(this.folder, name);
    const size = await stat(file).then(
      (s) => s.size,
      () => undefined,
    );
    return size === undefined ? undefined : { file, size };
  }

  private recordUrlFor(file: string): string {
    const url = new URL(`/HttpRecordings/${encodeURIComponent(basename(file))}`, this.options.baseUrl());
    switch (this.options.faults.recordUrlStyle) {
      case 'file-path':
        return file;
      case 'foreign-host':
        // Another loopback address: a different host from the PBX's, yet nothing leaves this machine.
        url.hostname = url.hostname === '127.0.0.2' ? '127.0.0.3' : '127.0.0.2';
        return url.href;
      default:
        return url.href;
    }
  }

  private requireFolder(): string {
    if (!this.folder) throw new Error('The demo PBX has not been started');
    return this.folder;
  }
}

/** Where each announcement falls in a recording that started at `startedAt` and lasted `seconds`: the part it overlaps. */
function heardIn(startedAt: number, seconds: number, announcements: readonly DemoAnnouncement[]): Stretch[] {
  return announcements
    .map((a) => {
      const fromS = (a.at - startedAt) / 1000;
      return { fromS: Math.max(0, fromS), toS: Math.min(seconds, fromS + a.seconds) };
    })
    .filter((s) => s.toS > s.fromS);
}
