/**
 * BFF instances as real processes, for the crash and two-instance campaigns: `node --import tsx bff/src/server.ts`
 * (what `tsx bff/src/server.ts` runs, in ONE process, so kill -9 of its pid kills the server itself and not only a
 * launcher), configured by YKT_* variables, on an ephemeral port read from its "Server listening" log line; ready
 * when /healthz answers. Logs are kept (the last lines, and every line a test waits for).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';

export const repoRoot = resolve(import.meta.dirname, '../../..');

export interface BffProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Parsed JSON log lines so far (pino), the last 2,000. */
  readonly logs: Record<string, unknown>[];
  /** Resolves with the first log line (past or future) that matches. */
  waitForLog(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** SIGKILL, and resolves once the process is gone (no cleanup of any kind ran in it). */
  kill9(): Promise<void>;
  /** SIGTERM (graceful close: in-flight requests finish, the database closes), resolves once it exited. */
  stop(): Promise<void>;
  readonly exited: Promise<number | null>;
}

/**
 * Starts one BFF process with these YKT_* settings (on top of none inherited: the test's own YKT_* never leak in)
 * and resolves when /healthz answers 200. Polls; never waits for a fixed time.
 */
export async function startBff(name: string, settings: Record<string, string>): Promise<BffProcess> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('YKT_') && v !== undefined) env[k] = v;
  Object.assign(env, { YKT_HOST: '127.0.0.1', YKT_PORT: '0', YKT_LOG_LEVEL: 'info', ...settings });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bff/src/server.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const waiters: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] =
    [];
  let buffered = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      const text = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text);
      } catch {
        line = { msg: text };
      }
      logs.push(line);
      if (logs.length > 2000) logs.shift();
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 200) stderr.shift();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const waitForLog = (match: (l: Record<string, unknown>) => boolean) => {
    const seen = logs.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((res) => waiters.push({ match, resolve: res }));
  };
  const describeFailure = () =>
    `${name} (pid ${child.pid}) stderr:\n${stderr.join('').slice(-3000)}\nlast logs:\n${logs
      .slice(-20)
      .map((l) => JSON.stringify(l))
      .join('\n')}`;

  const listening = await Promise.race([
    waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('Server listening at http://127.0.0.1:')),
    exited.then((code) => {
      throw new Error(`${name} exited (${code}) before listening\n${describeFailure()}`);
    }),
  ]);
  const url = String(listening.msg).replace('Server listening at ', '');
  // Ready when /healthz answers (the log line says the socket is open; the answer says the app serves).
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`${name} exited before /healthz answered\n${describeFailure()}`);
    await pause(25);
  }

  return {
    name,
    url,
    pid: child.pid as number,
    logs,
    waitForLog,
    exited,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
