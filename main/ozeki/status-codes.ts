/**
 * The status codes of the Ozeki Phone System HTTP API, with their names and message templates exactly as the
 * PBX documents them ("occured" included). `{0}` and `{1}` are filled in from the request.
 */
export const OZEKI_STATUS = {
  200: { name: 'OK', template: 'Command successfully executed' },
  300: { name: 'ParseError', template: "Error occured during parsing message: '{0}'" },
  301: { name: 'NotImplementedCommand', template: "Not implemented command: '{0}'" },
  302: { name: 'InvalidParameter', template: "Missing or invalid parameter '{0}' for command '{1}'" },
  303: { name: 'InappropriateCommand', template: "Command '{0}' cannot be used here" },
  304: { name: 'Authentication required', template: 'Authentication required' },
  305: { name: 'Authentication failed', template: 'Authentication failed, bad username or password' },
  306: { name: 'Forbidden User', template: 'User is not allowed to use API in ACL' },
  307: { name: 'ForbiddenAddress', template: 'Use API from this address is forbidden' },
  401: { name: 'ApiExtensionUnavailable', template: "API extension '{0}' unavailable, please check configuration or permissions" },
  402: { name: 'CallConnectFailed', template: "Call connect to '{0}' failed with result state '{1}'" },
  501: { name: 'SmsDestinationNotFound', template: 'Destination of the SMS is not found' },
  601: { name: 'CallNotFound', template: "Call not found with ID '{0}'" },
  701: { name: 'ConfigNotFound', template: "Configuration for type '{0}' not found" },
  702: { name: 'InvalidConfig', template: "Invalid configuration for type '{0}'" },
  703: { name: 'ConfigAlreadyExists', template: 'Extension configuration already exists' },
} as const;

export type OzekiStatusCode = keyof typeof OZEKI_STATUS;

export function isKnownStatus(code: number): code is OzekiStatusCode {
  return Object.hasOwn(OZEKI_STATUS, code);
}

/** The documented name of a code, or "Unknown" for a code the docs do not list. */
export function statusName(code: number): string {
  return isKnownStatus(code) ? OZEKI_STATUS[code].name : 'Unknown';
}

/** The PBX's message for a code, with the placeholders filled in. */
export function statusMessage(code: OzekiStatusCode, ...args: string[]): string {
  return OZEKI_STATUS[code].template.replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '');
}
