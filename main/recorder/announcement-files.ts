import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import { sameSecret } from './webhook.ts';

/**
 * How long an announcement file stays offered after Play was sent, if the PBX does not fetch it in full first. The
 * PBX fetches it as it starts playing, within a second or two; a minute leaves room for a slow one.
 */
export const ANNOUNCEMENT_WINDOW_MS = 60_000;

/** A file the listener hands out once, to whoever brings its id and secret within its window. */
export interface OfferedFile {
  path: string;
  contentType: string;
  /** The file went out in full: its offer ends. */
  served(): void;
  /** The answer failed before any byte of the file went out: the offer is open again (within its window). */
  unsent(): void;
}

/** One announcement file offered for one Play: its URL (for the PBX), and a way to end the offer early. */
export interface AnnouncementOffer {
  url: string;
  withdraw(): void;
}

interface Offer {
  secret: string;
  path: string;
  contentType: string;
  cancelTimer: () => void;
  /** A request is being answered with it: no other gets it meanwhile. */
  taken: boolean;
}

/**
 * The announcement files the listener serves to the PBX (Play's AudioFile is a URL the PBX fetches). Each Play gets
 * its own offer under an unguessable path, /ozeki/announcement/<id>/<secret>.<ext> (the extension tells the PBX the
 * format): nothing else on this computer is reachable through it, the secret is compared in constant time, and the
 * offer ends once the file went out in full or when its window (on the recorder's clock) passes, whichever comes
 * first. Only the listener's allowed callers get this far (WebhookListener).
 */
export class AnnouncementFiles {
  private readonly offers = new Map<string, Offer>();

  constructor(
    private readonly options: {
      clock: Clock;
      /** The listener's base URL; undefined while it is not running. */
      baseUrl: () => string | undefined;
      windowMs?: number;
    },
  ) {}

  /** Offers `path` (a WAV or MP3 already checked) for one Play; throws when the listener is not running. */
  offer(path: string, format: 'wav' | 'mp3'): AnnouncementOffer {
    const base = this.options.baseUrl();
    if (!base) throw new Error('the listener that serves the file to the PBX is not running');
    const id = randomUUID();
    const secret = randomBytes(24).toString('base64url');
    const cancelTimer = this.options.clock.after(this.options.windowMs ?? ANNOUNCEMENT_WINDOW_MS, () => this.offers.delete(id));
    this.offers.set(id, { secret, path, contentType: format === 'wav' ? 'audio/wav' : 'audio/mpeg', cancelTimer, taken: false });
    return { url: `${base}/ozeki/announcement/${id}/${secret}.${format}`, withdraw: () => this.end(id) };
  }

  /**
   * Takes the file offered under `id`, if `secret` is its own, its window is open and no other request is being
   * answered with it; undefined otherwise. One request at a time: the file is served once, never twice in parallel.
   */
  find(id: string, secret: string): OfferedFile | undefined {
    const offer = this.offers.get(id);
    // Compared even for an unknown id, so an answer takes as long whether the id exists or not.
    const matches = sameSecret(secret, offer?.secret ?? '');
    if (!offer || !matches || offer.taken) return undefined;
    offer.taken = true;
    return {
      path: offer.path,
      contentType: offer.contentType,
      served: () => this.end(id),
      unsent: () => {
        offer.taken = false; // a no-op once the offer ended: it is no longer in the map
      },
    };
  }

  /** Files offered right now. */
  get size(): number {
    return this.offers.size;
  }

  /** Ends every offer (the recorder stops). */
  close(): void {
    for (const id of [...this.offers.keys()]) this.end(id);
  }

  private end(id: string): void {
    this.offers.get(id)?.cancelTimer();
    this.offers.delete(id);
  }
}
