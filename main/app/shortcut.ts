import type { GlobalShortcut } from 'electron';
import { acceleratorText } from '../../preload/display.ts';

/**
 * "Record my call" on a global shortcut. Another program may hold the keys already: Electron then refuses them
 * (register returns false) and the shortcut would silently do nothing, so the refusal is kept as `problem`, in
 * words, for the Shortcut setting and the tray's tooltip; the keys are named as the platform writes them.
 */
export class RecordShortcut {
  /** Why the shortcut does not work, when it does not. */
  problem: string | undefined;
  private accelerator = '';

  constructor(
    private readonly shortcuts: Pick<GlobalShortcut, 'register' | 'unregisterAll'>,
    private readonly action: () => void,
    /** As Node names it (process.platform): how the keys are written in the words of `problem`. */
    private readonly platform: string,
  ) {}

  /** Takes `accelerator` (none when empty) in place of the one held before. */
  use(accelerator: string): void {
    this.accelerator = accelerator;
    this.shortcuts.unregisterAll();
    this.problem = accelerator === '' ? undefined : this.register(accelerator);
  }

  /** Registers the shortcut again: after the computer wakes, a registration may be gone (or the keys free again). */
  renew(): void {
    this.use(this.accelerator);
  }

  /** Releases the keys (the app quits). */
  release(): void {
    this.shortcuts.unregisterAll();
  }

  private register(accelerator: string): string | undefined {
    let registered: boolean;
    try {
      registered = this.shortcuts.register(accelerator, this.action);
    } catch {
      registered = false; // an accelerator this platform cannot register at all
    }
    return registered
      ? undefined
      : `The shortcut ${acceleratorText(accelerator, this.platform)} is taken by another program, so "Record my call" has no shortcut: choose another one in Settings.`;
  }
}
