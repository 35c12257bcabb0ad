/**
 * A throwaway PostgreSQL 15 cluster for tests, the bench and `start.sh --postgres`: initdb in a folder, a free
 * port on 127.0.0.1, fsync off unless the data must survive. Debian's binaries refuse to run as root, so as root
 * they run as the `postgres` user the package creates (stack-notes.md). `stop()` shuts it down; nothing is left
 * running. test.sh installs Debian's `postgresql` when it is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface Postgres {
  /** postgres://ykt@127.0.0.1:PORT/ykt */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Keep the cluster here (start.sh --postgres: data/pg); default a temporary folder removed on stop. */
  dataDir?: string;
  port?: number;
  /** fsync on for data that must survive a crash of the machine (start.sh); off for tests and the bench. */
  durable?: boolean;
}

export const postgresInstalled = () => existsSync(join(BIN, 'initdb'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;
/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function pgRun(cmd: string, args: string[], opts: { quiet?: boolean } = {}) {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]] : [join(BIN, cmd), args];
  const r = spawnSync(file, argv, { encoding: 'utf8' });
  if (r.status !== 0 && !opts.quiet) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r;
}

function own(dir: string) {
  if (!asRoot) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
}

export async function startPostgres(opts: PostgresOptions = {}): Promise<Postgres> {
  if (!postgresInstalled()) {
    throw new Error(`PostgreSQL 15 is not installed (${BIN}); run: apt-get install -y postgresql`);
  }
  const temporary = !opts.dataDir;
  const base = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'ykt-pg-'));
  mkdirSync(base, { recursive: true });
  chmodSync(base, 0o700);
  own(base);
  const dataDir = join(base, 'cluster');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o700);
    own(dataDir);
    // C locale: byte-wise text order, so a name prefix is one index range (LIKE 'p%' uses the index).
    pgRun('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'ykt', '--locale=C', '-E', 'UTF8', '--no-sync']);
  }
  const port = opts.port ?? (await freePort());
  const settings = [
    `-p ${port}`,
    `-k ${base}`,
    "-c listen_addresses='127.0.0.1'",
    `-c fsync=${opts.durable ? 'on' : 'off'}`,
    `-c synchronous_commit=${opts.durable ? 'on' : 'off'}`,
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=256MB',
  ].join(' ');
  pgRun('pg_ctl', ['-D', dataDir, '-o', settings, '-l', join(base, 'log'), '-w', '-t', '60', 'start']);
  // The database the product uses; createdb answers an error when it exists already (a kept cluster).
  pgRun('createdb', ['-h', base, '-p', String(port), '-U', 'ykt', 'ykt'], { quiet: true });
  return {
    url: `postgres://ykt@127.0.0.1:${port}/ykt`,
    port,
    dataDir,
    async stop() {
      pgRun('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], { quiet: true });
      if (temporary) rmSync(base, { recursive: true, force: true });
    },
  };
}
