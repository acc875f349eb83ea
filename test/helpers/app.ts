import type { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { TrayActions } from '../../main/app/tray-menu.ts';

/** Resolves once `check` holds, looking again at every `event` of `source` (e.g. the Electron mock's Tray.changes). */
export function when(source: EventEmitter, event: string, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const look = () => {
      if (!check()) return;
      source.off(event, look);
      resolve();
    };
    source.on(event, look);
    look();
  });
}

/** The tray's actions as mocks (typed as the mocks they are, not as TrayActions' methods), so a test reads their calls. */
export const trayActions = () =>
  ({
    toggle: vi.fn(),
    toggleMine: vi.fn(),
    recordWithoutAnnouncement: vi.fn(),
    openWindow: vi.fn(),
    openFolder: vi.fn(),
    exportToday: vi.fn(),
    setMonitoringPaused: vi.fn(),
    openSettings: vi.fn(),
    quit: vi.fn(),
  }) satisfies TrayActions;
