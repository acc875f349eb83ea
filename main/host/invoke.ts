import type { RecorderApi, RecorderMethod } from '../../preload/contract.ts';
import { VALIDATORS } from './ipc-validation.ts';

/** What each method of the contract does, as plain functions: main/app registers them on IPC, the preview on HTTP. */
export type RecorderHandlers = { [M in RecorderMethod]: (...args: Parameters<RecorderApi[M]>) => ReturnType<RecorderApi[M]> };

/** Arguments the window sent that its method does not take. */
export class InvalidArguments extends Error {
  override readonly name = 'InvalidArguments';
}

/** Runs a method of the contract after checking its arguments: the one door for the IPC and the preview's bridge. */
export function invokeChecked(handlers: RecorderHandlers, method: RecorderMethod, args: readonly unknown[]): unknown {
  const validate = VALIDATORS[method] as (a: readonly unknown[]) => boolean;
  if (!validate(args)) throw new InvalidArguments(`Refused ${method}: invalid arguments.`);
  return (handlers[method] as (...a: unknown[]) => unknown)(...args);
}
