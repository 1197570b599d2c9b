// Starts the built `projector serve` on a free port and waits for the URL it prints.
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

const repo = resolve(import.meta.dirname, '..', '..', '..');

/** The built command-line tool of the checkout at `root`. */
export const cliDll = (root = repo) => join(root, 'src', 'Projector.Cli', 'bin', 'Release', 'net10.0', 'projector.dll');

/** A loopback port nothing listens on right now (the OS's choice for an ephemeral listener). */
export async function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Runs `projector serve ARGS...` and resolves to { url, stop(), output() } once it prints its URL.
 * `root` runs the build of another checkout (the benchmarks' reference).
 */
export async function startServer(args = [], { timeoutMs = 120_000, root = repo } = {}) {
  const dll = cliDll(root);
  if (!existsSync(dll)) {
    throw new Error(`${dll} is missing: run 'dotnet build Projector.slnx -c Release' first`);
  }
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'projector-e2e-state-'));
  const child = spawn('dotnet', [dll, 'serve', ...args, '--port', String(port), '--state', state], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOTNET_NOLOGO: '1' },
  });
  let log = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no URL from projector serve within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk) => {
      log += chunk.toString();
      const m = log.match(/http:\/\/127\.0\.0\.1:\d+\/?/);
      if (m) {
        clearTimeout(timer);
        ok(m[0].endsWith('/') ? m[0] : `${m[0]}/`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`projector serve exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    state,
    output: () => log,
    /** Ends the server at once, as a crash or a closed terminal would. */
    kill: () => new Promise((ok) => {
      if (child.exitCode !== null || child.signalCode !== null) return ok();
      child.once('exit', () => ok());
      child.kill('SIGKILL');
    }),
    stop: () => new Promise((ok) => {
      if (child.exitCode !== null || child.signalCode !== null) return ok(child.exitCode);
      child.once('exit', (code) => ok(code));
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }),
  };
}

/** Runs `projector export INPUT --out OUT ARGS...` and resolves to its output once it succeeds. */
export async function exportSite(input, out, args = [], { timeoutMs = 600_000 } = {}) {
  const dll = cliDll(repo);
  if (!existsSync(dll)) {
    throw new Error(`${dll} is missing: run 'dotnet build Projector.slnx -c Release' first`);
  }
  const child = spawn('dotnet', [dll, 'export', input, '--out', out, '--force', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOTNET_NOLOGO: '1' },
  });
  let log = '';
  child.stdout.on('data', (c) => { log += c.toString(); });
  child.stderr.on('data', (c) => { log += c.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = await new Promise((ok) => child.once('exit', (...a) => ok(a)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`projector export ${input} exited with ${code}:\n${log}`);
  return log;
}

/** The shared fixtures folder (PROJECTOR_FIXTURES, else ../shared/fixtures beside the repository), or null. */
export function fixturesFolder() {
  const folder = process.env.PROJECTOR_FIXTURES ?? resolve(repo, '..', 'shared', 'fixtures');
  return existsSync(folder) ? folder : null;
}
