// npm run preview -- [--pbx-url URL] [--folder DIR] [--port P]: the window in a browser, on a real recorder.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPreview } from './server.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'pbx-url': { type: 'string' }, folder: { type: 'string' }, port: { type: 'string' } } });
  const preview = await startPreview({
    rendererDir: join(__dirname, '../renderer'),
    ...(values['pbx-url'] ? { pbxUrl: values['pbx-url'] } : {}),
    ...(values.folder ? { folder: values.folder } : {}),
    ...(values.port ? { port: Number(values.port) } : {}),
  });
  process.stdout.write(`Preview ready: ${preview.url}\n`);
  const stop = () => void preview.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
