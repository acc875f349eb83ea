// Poll parse: the ListActiveCalls answer of the demo PBX with 1,000 calls, read by parseResponse (which checks the
// XML is well-formed in the same pass), side by side with a bare fast-xml-parser parse of the same text. Runs
// alternate, after a warm-up; the median of each.
import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';
import { DemoPbx } from '../main/demo-pbx/server.ts';
import { parseResponse } from '../main/ozeki/xml.ts';
import { median } from './spawned-run.ts';

const CALLS = 1000;
const RUNS = 200;

export async function benchParse(): Promise<Record<string, string>> {
  const pbx = new DemoPbx();
  await pbx.start();
  let xml: string;
  try {
    for (let i = 0; i < CALLS; i++) pbx.addCall({ source: `+36 1 ${String(i).padStart(4, '0')}`, destination: '1001', state: 'InCall' });
    const answer = await request(`${pbx.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Command=ListActiveCalls',
    });
    xml = await answer.body.text();
  } finally {
    await pbx.stop();
  }
  const bare = new XMLParser();
  const ours: number[] = [];
  const reference: number[] = [];
  for (let run = 0; run < RUNS + 20; run++) {
    let start = performance.now();
    parseResponse(xml);
    const oursMs = performance.now() - start;
    start = performance.now();
    bare.parse(xml);
    const referenceMs = performance.now() - start;
    if (run < 20) continue; // warm-up
    ours.push(oursMs);
    reference.push(referenceMs);
  }
  const o = median(ours);
  const r = median(reference);
  return {
    [`parseResponse, ${CALLS} calls (${(xml.length / 1024).toFixed(0)} KB), median of ${RUNS}`]: `${o.toFixed(2)} ms`,
    ['bare fast-xml-parser parse of the same text']: `${r.toFixed(2)} ms`,
    ['parseResponse ÷ bare parse']: `${(o / r).toFixed(2)} (target ≤ 1.2)`,
  };
}
