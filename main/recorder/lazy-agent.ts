import type { Agent, Dispatcher } from 'undici';

/**
 * undici's keep-alive pool for downloads and the listener's self-test, made at its first use. undici is most of the
 * CLI's code, and `run` needs none of it until a recording is saved (the PBX is polled on node:http): loading it
 * then keeps it off the start.
 */
export class LazyAgent {
  private agent: Promise<Agent> | undefined;

  constructor(private readonly options: Agent.Options) {}

  get(): Promise<Dispatcher> {
    this.agent ??= import('undici').then(({ Agent }) => new Agent(this.options));
    return this.agent;
  }

  async close(): Promise<void> {
    if (this.agent) await (await this.agent).close();
  }
}
