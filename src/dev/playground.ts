import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  /** Preferred port; the playground picks a free one when it is taken. 0 picks any. */
  port: number;
  configFile: string;
  logFile: string;
  /** Open the playground in a browser (only where one can be opened). */
  openBrowser: boolean;
  logger: Logger;
}

export interface RunningPlayground {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the Microsoft 365 Agents Playground (the local Teams client) as a child process pointed at
 * the bot, and resolves once it listens. It prints "Listening on N"; N is the port it really took.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  // Its working folder receives a devTools/ folder of its own; keep that inside the data folder.
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const child = spawn(
    process.execPath,
    [cli, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port), '--disable-telemetry'],
    {
      cwd: path.dirname(options.logFile),
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configFile,
        M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
        // The playground crashes when it cannot open a browser (no xdg-open on a server); "none" skips it.
        ...(options.openBrowser && canOpenBrowser() ? {} : { TEAMSAPPTESTER_BROWSER: 'none' })
      },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  );
  const port = await listeningPort(child, options.logger);
  return {
    port,
    url: `http://localhost:${port}`,
    stop: () => stopChild(child)
  };
}

function canOpenBrowser(): boolean {
  if (process.platform !== 'linux') return true;
  return spawnSync('sh', ['-c', 'command -v xdg-open'], { stdio: 'ignore' }).status === 0;
}

function listeningPort(child: ChildProcess, logger: Logger): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timeout = setTimeout(() => reject(new Error(`The Agents Playground did not start: ${output.trim()}`)), 30000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timeout);
        resolve(Number(match[1]));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      logger.debug({ playground: chunk.toString().trim() }, 'playground');
    });
    child.once('error', (error) => {
      clearTimeout(timeout);
      reject(new Error(`The Agents Playground could not start: ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`The Agents Playground exited with code ${code}: ${output.trim()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
