import { runCli } from '../../main/cli/main.ts';

/** Runs one `ozeki-recorder` command line in this process, with `env` as its environment; resolves with its exit code and the lines it printed. */
export async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env, stop: new AbortController().signal });
  return { code, out, err };
}
