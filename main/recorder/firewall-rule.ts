/**
 * The Windows Defender Firewall rule that lets the PBX reach the listener, written once: the per-machine installer
 * adds it (build/installer.nsh, checked against these words by scripts/installer-targets.ts), the app shows it to a
 * receptionist whose per-user install could not, and the README gives it to IT.
 *
 * The rule is for the app's program, inbound TCP on any port (the listener's port is a setting), on domain and
 * private networks only: the PBX is on the office network, never on a public one.
 */
export const FIREWALL_RULE_NAME = 'Ozeki Recorder';

export function firewallAddRule(program: string): string {
  return `netsh advfirewall firewall add rule name="${FIREWALL_RULE_NAME}" dir=in action=allow program="${program}" protocol=TCP profile=domain,private enable=yes`;
}

export function firewallDeleteRule(program: string): string {
  return `netsh advfirewall firewall delete rule name="${FIREWALL_RULE_NAME}" dir=in program="${program}"`;
}

/** The program path as the NSIS installer names it. */
export const NSIS_PROGRAM = '$INSTDIR\\${APP_EXECUTABLE_FILENAME}';
