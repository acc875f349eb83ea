import type { Logger } from './logger.ts';

/**
 * Last-resort handlers for the whole process (the CLI's and the desktop app's main process). A promise rejected
 * with nobody listening is a bug, not a reason to stop recording: it is logged and the process goes on. An
 * uncaught exception leaves the process in an unknown state: it is logged and `onFatal` stops the recorder
 * cleanly (the journal is flushed; every recording resumes at the next start) before the process ends.
 */
export function installProcessGuards(logger: Logger, onFatal: (error: unknown) => void): () => void {
  const rejected = (reason: unknown) => logger.error('A background task failed and nobody handled it', reason);
  const uncaught = (error: unknown) => {
    logger.error('Unexpected error; stopping', error);
    onFatal(error);
  };
  process.on('unhandledRejection', rejected);
  process.on('uncaughtException', uncaught);
  return () => {
    process.off('unhandledRejection', rejected);
    process.off('uncaughtException', uncaught);
  };
}
