import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { wait, type DemoClock } from './clock.ts';

/**
 * Sends a file with Range support (206, 416), as the PBX's web server would. For tests it can cut the transfer
 * off half-way, send slowly (on `clock`'s time), or send without end.
 */
export function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  size: number,
  type: string,
  faults: { dropHalfWay: boolean; bytesPerSecond: number; endless?: boolean },
  clock: DemoClock,
): void {
  if (faults.endless) {
    serveEndless(res, file, type);
    return;
  }
  let start = 0;
  let end = size - 1;
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    if (range[1]) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(Number(range[2]), size - 1);
    } else {
      start = Math.max(0, size - Number(range[2]));
    }
    if (start >= size || start > end) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(206, { 'Content-Type': type, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Accept-Ranges': 'bytes' });
  } else {
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Accept-Ranges': 'bytes' });
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const length = end - start + 1;
  const stream = createReadStream(file, { start, end: faults.dropHalfWay ? start + Math.floor(length / 2) - 1 : end, highWaterMark: 256 * 1024 });
  const source = faults.bytesPerSecond > 0 ? stream.pipe(throttle(faults.bytesPerSecond, clock)) : stream;
  source.pipe(res, { end: !faults.dropHalfWay });
  // The drop: after the first half, the connection is closed (FIN, queued behind the data, so all of that half
  // arrives, however busy the machine) and the response is left short of its Content-Length.
  // The empty write's callback runs once everything written before it has reached the socket.
  if (faults.dropHalfWay) source.on('end', () => res.write('', () => res.socket?.end()));
  res.on('close', () => stream.destroy());
}

/** The file, then zeros for ever (chunked, no length), as fast as the client reads, until it hangs up. */
function serveEndless(res: ServerResponse, file: string, type: string): void {
  res.writeHead(200, { 'Content-Type': type });
  const zeros = Buffer.alloc(64 * 1024);
  const more = () => {
    while (!res.destroyed && res.write(zeros));
  };
  const stream = createReadStream(file);
  stream.pipe(res, { end: false });
  stream.on('end', () => {
    res.on('drain', more);
    more();
  });
  res.on('close', () => stream.destroy());
}

/** Passes bytes on at about `bytesPerSecond`, in slices of at most 16 KiB, each waiting until the rate allows it. */
function throttle(bytesPerSecond: number, clock: DemoClock): Transform {
  const started = clock.now();
  let sent = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const paced = async () => {
        for (let at = 0; at < chunk.length; at += 16 * 1024) {
          const slice = chunk.subarray(at, at + 16 * 1024);
          sent += slice.length;
          const due = started + (sent / bytesPerSecond) * 1000 - clock.now();
          if (due > 0) await wait(clock, due);
          this.push(slice);
        }
      };
      // The stream learns of the chunk's end, or of a failure, only through done.
      paced().then(() => done(), done);
    },
  });
}
