/** Reading a request to the webhook listener: which of its paths it is for, and how large its body may be. */

/** The most a notification's body may hold; the PBX's forms are a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

type Route =
  | { kind: 'record-completed'; id: string; secret: string }
  | { kind: 'call-changed'; secret: string }
  | { kind: 'self-test'; secret: string }
  | { kind: 'announcement'; id: string; secret: string };

/** Which of the listener's paths a request is for, with the secret (and recording id) it carries. */
export function routeOf(url: string | undefined): Route | undefined {
  const parts = (url ?? '/').split('?')[0]?.split('/').filter(Boolean) ?? [];
  const [root, kind, first = '', second = ''] = parts;
  if (root !== 'ozeki') return undefined;
  if (kind === 'record-completed' && parts.length === 4) return { kind, id: first, secret: second };
  if (kind === 'call-changed' && parts.length === 3) return { kind, secret: first };
  if (kind === 'self-test' && parts.length === 3) return { kind, secret: first };
  // The file's extension follows the secret: it tells the PBX the format.
  if (kind === 'announcement' && parts.length === 4) return { kind, id: first, secret: second.replace(/\.(?:wav|mp3)$/, '') };
  return undefined;
}
