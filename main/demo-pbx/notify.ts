import { request } from 'node:http';

/**
 * POSTs RecordCompleted the way the docs show notifications: form-encoded, no-cache headers.
 * ASSUMPTION: the fields are NotificationName, CallId and RecordURL; a failed delivery is not retried.
 * The 10 s socket timeout is the one place the demo PBX keeps real time rather than its clock: it guards against
 * a listener that never answers, a fact of the network, not of the simulated calls.
 */
export function postRecordCompleted(url: string, callId: string, recordUrl: string): Promise<{ ok: boolean; error?: string }> {
  const body = new URLSearchParams({ NotificationName: 'RecordCompleted', CallId: callId, RecordURL: recordUrl }).toString();
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, error: 'bad FinishedURL' });
      return;
    }
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          'Cache-Control': 'no-store,no-cache',
          Pragma: 'no-cache',
        },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? { ok: true } : { ok: false, error: `HTTP ${res.statusCode}` }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ ok: false, error: error.message }));
    req.end(body);
  });
}
