import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { DATA_FILES, PRIVATE_FILE_MODE } from './data-dir.ts';
import { localAddressTowards, resolveHost } from './local-address.ts';
import type { RecorderSettings } from './settings.ts';
import { WebhookListener, type WebhookHandlers } from './webhook.ts';
import { AnnouncementFiles } from './announcement-files.ts';
import type { Clock } from './clock.ts';

/** The settings the listener is made of: "Test listener" compares and tries these. */
export const LISTENER_KEYS = ['listenHost', 'listenPort', 'callbackUrl', 'allowedCallers'] as const;
export type ListenerSettings = Pick<RecorderSettings, (typeof LISTENER_KEYS)[number]>;

/** Whether two sets of listener settings make the same listener. */
export const sameListener = (a: ListenerSettings, b: ListenerSettings) => LISTENER_KEYS.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));

/**
 * The PBX's host (its address is the default allowed caller, and the local address routing to it the default
 * listener's), the data folder (the listener's secret), the HTTP dispatcher of the self-test, the clock of the
 * announcement files it serves.
 */
interface CallbackOptions {
  pbxHost: string;
  dataDir: string;
  dispatcher: () => Promise<Dispatcher>;
  clock: Clock;
}

/**
 * The app's end of the PBX's notifications: the webhook listener on the address from the settings (by default
 * the local address that routes to the PBX), the URLs the PBX is given, and a self-test. A listener that cannot
 * start is not fatal: `error` says why in words, and recordings cannot start until it is fixed.
 */
export class CallbackServer {
  private listener: WebhookListener | undefined;
  private secret = '';
  private base: string | undefined;
  private problem: string | undefined;
  /** The announcement files offered to the PBX, served by the listener. */
  readonly announcementFiles: AnnouncementFiles;

  constructor(
    private readonly settings: RecorderSettings,
    private readonly options: CallbackOptions,
  ) {
    this.announcementFiles = new AnnouncementFiles({ clock: options.clock, baseUrl: () => this.base });
  }

  async start(handlers: WebhookHandlers): Promise<void> {
    this.secret = await this.loadSecret();
    try {
      const pbxIp = await resolveHost(this.options.pbxHost);
      const routed = await localAddressTowards(pbxIp).catch(() => '127.0.0.1');
      const host = this.settings.listenHost || routed;
      const allowedCallers = this.settings.allowedCallers.length > 0 ? this.settings.allowedCallers : [pbxIp];
      const files = this.announcementFiles;
      this.listener = new WebhookListener(
        { host, port: this.settings.listenPort, allowedCallers, listenerSecret: this.secret },
        { ...handlers, announcementFile: (id, secret) => files.find(id, secret) },
      );
      const address = await this.listener.start();
      const callbackHost = host === '0.0.0.0' || host === '::' ? routed : host;
      this.base = this.settings.callbackUrl.replace(/\/+$/, '') || `http://${callbackHost.includes(':') ? `[${callbackHost}]` : callbackHost}:${address.port}`;
      this.problem = undefined;
    } catch (error) {
      this.listener = undefined;
      const code = (error as NodeJS.ErrnoException).code;
      this.problem =
        code === 'EADDRINUSE'
          ? `port ${this.settings.listenPort} is already in use; choose another listener port`
          : code === 'EADDRNOTAVAIL'
            ? `${this.settings.listenHost} is not an address of this computer`
            : error instanceof Error
              ? error.message
              : String(error);
    }
  }

  async stop(): Promise<void> {
    this.announcementFiles.close();
    await this.listener?.stop();
  }

  /** The base of every URL the PBX is given, e.g. http://192.168.0.20:7781; undefined while not listening. */
  get baseUrl(): string | undefined {
    return this.base;
  }

  /** Why the listener is not running, in words. */
  get error(): string | undefined {
    return this.problem;
  }

  /** The FinishedURL of one recording: its id and its own secret in the path. */
  finishedUrl(recordingId: string, recordingSecret: string): string {
    return `${this.base}/ozeki/record-completed/${recordingId}/${recordingSecret}`;
  }

  /**
   * How to write the URL to give the PBX for CallChanged notifications (a global setting on the PBX). The URL ends
   * with the listener's secret, which is named here by the file that holds it, never written out: it must not land
   * in a terminal's scrollback or a log.
   */
  get callChangedUrlHint(): string | undefined {
    return this.base && `${this.base}/ozeki/call-changed/ followed by the text of the file ${join(this.options.dataDir, DATA_FILES.listenerSecret)}`;
  }

  /** Checks that the listener answers on its callback URL from this machine. */
  async selfTest(): Promise<{ ok: boolean; message: string }> {
    if (!this.base) return { ok: false, message: `The listener is not running: ${this.problem ?? 'unknown reason'}.` };
    try {
      const { request } = await import('undici');
      const { statusCode, body } = await request(`${this.base}/ozeki/self-test/${this.secret}`, {
        dispatcher: await this.options.dispatcher(),
        signal: AbortSignal.timeout(3000),
      });
      const text = await body.text();
      if (statusCode === 200 && text.startsWith('ozeki-recorder')) return { ok: true, message: `The listener answers at ${this.base}.` };
      return { ok: false, message: `Something else answers at ${this.base} (HTTP ${statusCode}).` };
    } catch (error) {
      return { ok: false, message: `Nothing answers at ${this.base}: ${error instanceof Error ? error.message : String(error)}.` };
    }
  }

  /**
   * "Test listener" on settings not saved yet: a listener started on them for a moment, which takes no
   * notification (it knows no recording, and a CallChanged is dropped), is self-tested, and is stopped again.
   */
  static async trial(settings: RecorderSettings, options: CallbackOptions): Promise<{ ok: boolean; message: string }> {
    const server = new CallbackServer(settings, options);
    await server.start({ secretOf: () => undefined, onRecordCompleted: () => undefined, onCallChanged: () => undefined });
    try {
      const result = await server.selfTest();
      return result.ok ? { ok: true, message: `With these settings the listener answers at ${server.base ?? ''}. Save them to use it.` } : result;
    } finally {
      await server.stop();
    }
  }

  /** The listener's own secret, kept in the data folder so the PBX's CallChanged URL stays valid across restarts. */
  private async loadSecret(): Promise<string> {
    const path = join(this.options.dataDir, DATA_FILES.listenerSecret);
    const existing = await readFile(path, 'utf8').then(
      (t) => t.trim(),
      () => '',
    );
    if (existing.length >= 32) return existing;
    const secret = randomBytes(24).toString('base64url');
    await writeFile(path, secret, { mode: PRIVATE_FILE_MODE });
    return secret;
  }
}
