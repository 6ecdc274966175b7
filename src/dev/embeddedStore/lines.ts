import { open } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;

export interface LinesRead {
  /** Bytes up to and including the last newline. */
  validBytes: number;
  /** Bytes after the last newline: a line whose write was cut short. */
  tornBytes: number;
}

/**
 * Calls `onLine` for every newline-terminated line of a file, in order, with its 1-based number, reading
 * a megabyte at a time (memory stays proportional to the longest line, whatever the file's size).
 */
export async function readLines(file: string, onLine: (line: string, lineNumber: number) => void): Promise<LinesRead> {
  const handle = await open(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry: Buffer[] = [];
    let carryBytes = 0;
    let validBytes = 0;
    let lineNumber = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      let start = 0;
      for (let end = chunk.indexOf(10, 0); end !== -1 && end < bytesRead; end = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, end);
        const line = carryBytes ? Buffer.concat([...carry, piece]).toString('utf8') : piece.toString('utf8');
        validBytes += carryBytes + piece.length + 1;
        carry = [];
        carryBytes = 0;
        start = end + 1;
        onLine(line, ++lineNumber);
      }
      if (start < bytesRead) {
        carry.push(Buffer.from(chunk.subarray(start, bytesRead)));
        carryBytes += bytesRead - start;
      }
    }
    return { validBytes, tornBytes: carryBytes };
  } finally {
    await handle.close();
  }
}
