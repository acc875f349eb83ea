import { hostname, userInfo } from 'node:os';
import type { Desk } from './sidecar.ts';

/** The user signed in to this computer; the environment's word for it where the system has no user entry. */
function signedInUser(): string {
  try {
    return userInfo().username;
  } catch {
    // userInfo throws when the user has no entry in the system's user database (some containers).
    return process.env['USER'] ?? process.env['USERNAME'] ?? '';
  }
}

/** This desk, for the sidecars it writes: `name` from the settings, or the computer's name when it is empty. */
export function thisDesk(name: string): Desk {
  const machine = hostname();
  return { name: name.trim() || machine, machine, user: signedInUser() };
}
