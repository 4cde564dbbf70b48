/**
 * Where the lifecycle writes: `<dataDir>/postgres.log` (the server's own
 * output and what we did to the folder), the shell's `onLog`, a tail for
 * error messages, and notices: the few lines a user should see even when
 * nobody reads the log (the CLI prints them on stderr).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

const LOG_TAIL_LINES = 40;

export const logFile = (dataDir: string) => join(dataDir, 'postgres.log');

export interface LogSink {
  write(line: string): void;
  /** A line for the log that the user must also be told about. */
  notice(message: string): void;
  tail(): string[];
  close(): void;
}

export function createLogSink(dataDir: string, onLog?: (line: string) => void, onNotice?: (message: string) => void): LogSink {
  const lines: string[] = [];
  let file: WriteStream | undefined = createWriteStream(logFile(dataDir), { flags: 'a', mode: 0o600 });
  file.on('error', () => (file = undefined));
  const write = (line: string) => {
    lines.push(line);
    if (lines.length > LOG_TAIL_LINES) lines.shift();
    file?.write(`${line}\n`);
    onLog?.(line);
  };
  return {
    write,
    notice(message) {
      write(`${new Date().toISOString()} [drm-desktop] ${message}`);
      onNotice?.(message);
    },
    tail: () => [...lines],
    close: () => file?.end(),
  };
}
