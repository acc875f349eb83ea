import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import { firewallScriptProblems, installerProblems, loadBuilderConfig } from '../../scripts/installer-targets.ts';

const real = () => loadBuilderConfig('.');

describe('the installer targets in electron-builder.yml', () => {
  it('pass: per-user NSIS with the firewall rule for per-machine installs, MSI, AppImage, deb, a generic publish target', async () => {
    expect(await installerProblems(await real(), '.')).toEqual([]);
  });

  it('name each thing a changed configuration gets wrong', async () => {
    const config = await real();
    const broken: Configuration = {
      ...config,
      win: { target: ['nsis'] },
      linux: { ...config.linux, target: ['AppImage'] },
      nsis: { ...config.nsis, perMachine: true, allowElevation: false, include: 'build/no-such.nsh' },
      msi: undefined,
      publish: null,
    };
    expect(await installerProblems(broken, '.')).toEqual([
      'win.target lacks msi.',
      'linux.target lacks deb.',
      'nsis.perMachine must be false: a receptionist installs without an administrator.',
      'nsis.allowElevation must not be false: the per-machine choice elevates.',
      'nsis.include names build/no-such.nsh, which does not exist.',
      'msi is missing: IT departments deploy the MSI.',
      'publish lacks a generic provider: without it no latest.yml is written for the updater.',
    ]);
  });

  it("run electron-builder's own schema check", async () => {
    const config = { ...(await real()), nsis: { ...(await real()).nsis, perUser: true } } as Configuration;
    const [problem] = await installerProblems(config, '.');
    expect(problem).toMatch(/^electron-builder refuses the configuration: .*nsis/);
  });
});

describe('the NSIS include script', () => {
  it('adds the rule on a per-machine install and removes it on uninstall, with the commands the app shows', async () => {
    expect(firewallScriptProblems(await readFile('build/installer.nsh', 'utf8'), 'installer.nsh')).toEqual([]);
  });

  it('is refused when a macro misses its command or its per-machine guard', async () => {
    const script = await readFile('build/installer.nsh', 'utf8');
    const noDelete = script.replace(/(!macro customUnInstall[\s\S]*?)nsExec[^\n]*\n/, '$1');
    expect(firewallScriptProblems(noDelete, 'installer.nsh')).toEqual([
      expect.stringMatching(/^installer.nsh: customUnInstall does not remove the firewall rule with: netsh advfirewall firewall delete rule/),
    ]);
    const unguarded = script.replace(/(!macro customInstall\s*\n)\s*\$\{if\}[^\n]*\n/, '$1');
    expect(firewallScriptProblems(unguarded, 'installer.nsh')).toEqual([
      'installer.nsh: customInstall must act only on a per-machine install ($installMode == "all").',
    ]);
    expect(firewallScriptProblems('', 'installer.nsh')).toEqual([
      'installer.nsh does not define customInstall.',
      'installer.nsh does not define customUnInstall.',
    ]);
  });
});
