// How calls and durations read for people, the same in the terminal, the tray and the window.
// No imports: the window's bundle uses it too, and preload/ imports nothing of main.

/** 75 → "01:15", 3725 → "1:02:05". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(s / 3600);
  const rest = `${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/** "John Smith <1000>", or just the number when the PBX shows the number as the caller id. */
export function describeCaller(call: { source: string; callerId: string }): string {
  return call.callerId && call.callerId !== call.source ? `${call.callerId} <${call.source}>` : call.source;
}

/** The time of day on this computer's clock, hours and minutes: "10:42". */
export function formatClockTime(at: Date): string {
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** An announcement that did not happen, the same words for a live call and a saved recording: "Not announced: …". */
export function notAnnouncedWords(problem: string | undefined): string {
  return `Not announced: ${problem ?? 'the PBX gave no reason'}`;
}

/**
 * How a live call's announcement stands, in the few words of the Calls view's state line and its live region:
 * "Announcing…", "Announced to the caller", "Recording without announcement", "Not announced: …". (A saved
 * recording's longer account, with what was said, is the Recordings view's savedAnnouncementWords.)
 */
export function announcementWords(announcement: {
  outcome: 'pending' | 'announced' | 'failed' | 'skipped';
  party: 'caller' | 'callee' | 'both';
  problem?: string;
}): string {
  switch (announcement.outcome) {
    case 'pending':
      return 'Announcing…';
    case 'announced':
      return announcement.party === 'both' ? 'Announced to both' : `Announced to the ${announcement.party}`;
    case 'skipped':
      return 'Recording without announcement';
    case 'failed':
      return notAnnouncedWords(announcement.problem);
  }
}

/**
 * How each part of an Electron accelerator is written on a Mac (symbols, no separator) and elsewhere (names joined
 * by "+"). Keys not named here are written as the accelerator names them (R, F9, Space).
 */
const MAC_KEYS: Readonly<Record<string, string>> = {
  commandorcontrol: '⌘',
  cmdorctrl: '⌘',
  command: '⌘',
  cmd: '⌘',
  super: '⌘',
  meta: '⌘',
  control: '⌃',
  ctrl: '⌃',
  alt: '⌥',
  option: '⌥',
  altgr: '⌥',
  shift: '⇧',
};
const PC_KEYS: Readonly<Record<string, string>> = {
  commandorcontrol: 'Ctrl',
  cmdorctrl: 'Ctrl',
  control: 'Ctrl',
  ctrl: 'Ctrl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
};

/**
 * A shortcut as the platform writes it, from the Electron accelerator that is stored: "CommandOrControl+Alt+R" is
 * "Ctrl+Alt+R" on Windows and Linux and "⌘⌥R" on macOS (`platform` as Node names it: win32, linux, darwin).
 * The Windows key is "Win" on Windows and "Super" on Linux. '' stays '' (no shortcut).
 */
export function acceleratorText(accelerator: string, platform: string): string {
  if (accelerator === '') return '';
  const mac = platform === 'darwin';
  const names: Readonly<Record<string, string>> = mac
    ? MAC_KEYS
    : { ...PC_KEYS, super: platform === 'win32' ? 'Win' : 'Super', meta: platform === 'win32' ? 'Win' : 'Super' };
  const parts = accelerator.split('+').map((part) => names[part.toLowerCase()] ?? (part.length === 1 ? part.toUpperCase() : part));
  return parts.join(mac ? '' : '+');
}
