// Checks electron-builder.yml's installer targets offline: the NSIS and MSI installers cannot be built here (no
// Windows, no network for NSIS and WiX), so their configuration is what can be checked — against electron-builder's
// own schema (the same check a real build runs first) and against what the app relies on: a per-user NSIS install
// by default that may elevate for all users and then adds the listener's firewall rule, an MSI for IT, the AppImage
// and deb for Linux, and a generic publish target that writes the latest.yml electron-updater reads.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';
// electron-builder's own loader and schema check (app-builder-lib is electron-builder's core, pinned with it).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { firewallAddRule, firewallDeleteRule, NSIS_PROGRAM } from '../main/recorder/firewall-rule.ts';

/** electron-builder.yml as electron-builder reads it. */
export function loadBuilderConfig(projectDir: string): Promise<Configuration> {
  return getConfig(projectDir, null, null);
}

const targetNames = (target: unknown): string[] =>
  (Array.isArray(target) ? target : [target])
    .map((t: unknown) => (typeof t === 'string' ? t : typeof t === 'object' && t !== null && 'target' in t ? String(t.target) : ''))
    .filter(Boolean);

/** The body of an NSIS macro, or undefined when the script does not define it. */
function macroBody(script: string, name: string): string | undefined {
  const match = new RegExp(`^!macro ${name}\\s*$([\\s\\S]*?)^!macroend`, 'm').exec(script);
  return match?.[1];
}

/** What is wrong with the installer targets, in words; empty when nothing is. */
export async function installerProblems(config: Configuration, projectDir: string): Promise<string[]> {
  const problems: string[] = [];
  try {
    await validateConfiguration(config, new DebugLogger(false));
  } catch (error) {
    // The first line is a heading; the second names the option.
    const lines = (error instanceof Error ? error.message : String(error)).split('\n').map((line) => line.trim());
    problems.push(`electron-builder refuses the configuration: ${lines.filter(Boolean).slice(0, 2).join(' ')}`);
  }
  const win = targetNames(config.win?.target);
  for (const target of ['nsis', 'msi']) if (!win.includes(target)) problems.push(`win.target lacks ${target}.`);
  const linux = targetNames(config.linux?.target);
  for (const target of ['AppImage', 'deb']) if (!linux.includes(target)) problems.push(`linux.target lacks ${target}.`);

  const nsis = config.nsis ?? {};
  if (nsis.oneClick !== false) problems.push('nsis.oneClick must be false: the installer offers the per-machine choice.');
  if (nsis.perMachine !== false) problems.push('nsis.perMachine must be false: a receptionist installs without an administrator.');
  if (nsis.allowElevation === false) problems.push('nsis.allowElevation must not be false: the per-machine choice elevates.');
  if (!nsis.include) {
    problems.push('nsis.include is missing: the per-machine install must add the listener firewall rule.');
  } else {
    const script = await readFile(join(projectDir, nsis.include), 'utf8').catch(() => undefined);
    if (script === undefined) problems.push(`nsis.include names ${nsis.include}, which does not exist.`);
    else problems.push(...firewallScriptProblems(script, nsis.include));
  }
  if (!config.msi) problems.push('msi is missing: IT departments deploy the MSI.');
  else if (config.msi.perMachine !== true) problems.push('msi.perMachine must be true: IT deploys the MSI for the whole machine.');

  const publish = (Array.isArray(config.publish) ? config.publish : [config.publish]) as unknown[];
  if (!publish.some((p) => typeof p === 'object' && p !== null && 'provider' in p && p.provider === 'generic')) {
    problems.push('publish lacks a generic provider: without it no latest.yml is written for the updater.');
  }
  return problems;
}

/** The include script adds the rule in customInstall and removes it in customUnInstall, for per-machine installs only. */
export function firewallScriptProblems(script: string, name: string): string[] {
  const problems: string[] = [];
  const expect = (macro: string, command: string, what: string) => {
    const body = macroBody(script, macro);
    if (body === undefined) return problems.push(`${name} does not define ${macro}.`);
    if (!/\$\{if\} \$installMode == "all"/.test(body)) problems.push(`${name}: ${macro} must act only on a per-machine install ($installMode == "all").`);
    if (!body.includes(`nsExec::ExecToLog '${command}'`)) problems.push(`${name}: ${macro} does not ${what} with: ${command}`);
    return undefined;
  };
  expect('customInstall', firewallAddRule(NSIS_PROGRAM), 'add the firewall rule');
  expect('customUnInstall', firewallDeleteRule(NSIS_PROGRAM), 'remove the firewall rule');
  return problems;
}
