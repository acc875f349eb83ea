import type { WarningNotice } from './state.ts';

/** A warning as one line for the log and the terminal: its plain words, then the technical detail behind them. */
export function warningText(warning: WarningNotice): string {
  return warning.detail ? `${warning.message} ${warning.detail}` : warning.message;
}
