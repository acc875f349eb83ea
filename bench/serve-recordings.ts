// A demo PBX in its own process serving the recordings of a folder, so a benchmark's client does not share
// its event loop with the server (curl does not either). An optional second argument limits the rate (bytes/s).
import { DemoPbx } from '../main/demo-pbx/server.ts';

const pbx = new DemoPbx({ recordingsDir: process.argv[2] });
pbx.faults.downloadBytesPerSecond = Number(process.argv[3] ?? 0);
await pbx.start();
process.stdout.write(`${pbx.url}\n`);
process.once('SIGTERM', () => void pbx.stop().then(() => process.exit(0)));
