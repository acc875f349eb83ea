// Runs one trim in a fresh process and reports its time and peak memory above the process's own baseline.
import { readFileSync } from 'node:fs';
import { trimRecording } from '../main/recorder/trim/index.ts';

const [source, target, format] = process.argv.slice(2) as [string, string, 'wav' | 'mp3'];
const rssKb = (field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

// A pause of one minute every five minutes: 12 cuts in an hour.
const segments = Array.from({ length: 12 }, (_, i) => ({ startMs: i * 300_000, endMs: i * 300_000 + 240_000 }));
globalThis.gc?.();
const baseline = rssKb('VmRSS');
const started = performance.now();
const result = await trimRecording(source, target, format, segments, 'remove');
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ seconds, peakAboveBaselineMb: (rssKb('VmHWM') - baseline) / 1024, bytes: result.bytes }));
