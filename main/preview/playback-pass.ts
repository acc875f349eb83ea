import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { sameSecret } from '../recorder/webhook.ts';

/**
 * How the page's audio element reaches /recording/: it cannot send the token header, and no secret may sit in a
 * URL, so every header-authenticated answer of the API sets a cookie that only lets in playback. The cookie is
 * HttpOnly (page scripts cannot read it), SameSite=Strict (another site's page does not send it), limited to
 * /recording/, and holds its own random key, not the token. Its name is random too: cookies are shared by every
 * port of a host, and two previews must not overwrite each other's.
 */
export class PlaybackPass {
  private readonly key = randomBytes(16).toString('hex');
  private readonly name = `ozeki-preview-playback-${randomBytes(4).toString('hex')}`;

  /** The Set-Cookie header for an answer to a request that carried the token. */
  get setCookie(): string {
    return `${this.name}=${this.key}; Path=/recording/; HttpOnly; SameSite=Strict`;
  }

  /** True when the request carries this preview's playback cookie. */
  allows(req: IncomingMessage): boolean {
    const cookies = (req.headers.cookie ?? '').split(';').map((cookie) => cookie.trim());
    const value = cookies.find((cookie) => cookie.startsWith(`${this.name}=`))?.slice(this.name.length + 1);
    return value !== undefined && sameSecret(value, this.key);
  }
}

/** Where the preview's player fetches a saved recording: the one place that makes these URLs; no secret in them. */
export function previewPlaybackUrl(relativePath: string): string {
  return `/recording/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}
