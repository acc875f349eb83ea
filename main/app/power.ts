import type { PowerMonitor } from 'electron';
import type { Logger } from '../recorder/logger.ts';

export interface SleepAndWake {
  /** The computer is about to sleep. */
  suspend(): Promise<void>;
  /** The computer woke up. */
  resume(): Promise<void>;
}

/** Runs `on.suspend` and `on.resume` when the system sleeps and wakes; what fails is logged, never thrown. */
export function watchPower(power: Pick<PowerMonitor, 'on'>, on: SleepAndWake, logger: Logger): void {
  power.on('suspend', () => {
    logger.info('The computer is going to sleep.');
    on.suspend().catch((error: unknown) => logger.error('Getting ready for sleep failed', error));
  });
  power.on('resume', () => {
    logger.info('The computer woke up.');
    on.resume().catch((error: unknown) => logger.error('Catching up after sleep failed', error));
  });
}
