// A one-silo layout cluster on loopback for the browser tests: Debian's redis-server for the membership
// table, one `projector cluster silo` reading from a shared folder, and `projector cluster run`.
import { spawn } from 'node:child_process';
import { cliDll, freePort } from './server.mjs';

/** Spawns COMMAND ARGS and resolves once its output matches `ready`; rejects when it exits first or after `timeoutMs`. */
function startProcess(command, args, ready, timeoutMs) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOTNET_NOLOGO: '1' } });
  let log = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${command} ${args[0]} not ready within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk) => {
      log += chunk.toString();
      if (ready.test(log)) {
        clearTimeout(timer);
        ok({ child, output: () => log });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(new Error(`${command} could not start (${error.message}); scripts/test.sh installs redis-server`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${command} exited with ${code}:\n${log}`));
    });
  });
}

const stopProcess = (child) => new Promise((ok) => {
  if (child.exitCode !== null || child.signalCode !== null) return ok();
  child.once('exit', () => ok());
  child.kill('SIGTERM');
});

/** Starts Redis and one silo reading from `shared`; resolves to { membership, run(args), stop() }. */
export async function startCluster(shared) {
  const redisPort = await freePort();
  const redis = await startProcess('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], /Ready to accept connections/, 30_000);
  const membership = `redis://127.0.0.1:${redisPort}`;
  let silo;
  try {
    silo = await startProcess('dotnet', [cliDll(), 'cluster', 'silo', '--membership', membership, '--port', String(await freePort()), '--gateway-port', String(await freePort()), '--shared', shared], /silo up/, 120_000);
  } catch (error) {
    await stopProcess(redis.child);
    throw error;
  }
  return {
    membership,
    /** Runs `projector cluster run ARGS... --membership M` to the end; resolves to its standard output. */
    run: (args, timeoutMs = 600_000) => new Promise((ok, fail) => {
      const child = spawn('dotnet', [cliDll(), 'cluster', 'run', ...args, '--membership', membership], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOTNET_NOLOGO: '1' } });
      let out = '';
      let log = '';
      child.stdout.on('data', (c) => { out += c.toString(); });
      child.stderr.on('data', (c) => { log += c.toString(); });
      const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`projector cluster run took over ${timeoutMs} ms:\n${log}`)); }, timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) ok(out);
        else fail(new Error(`projector cluster run exited with ${code}:\n${out}${log}`));
      });
    }),
    stop: async () => {
      await stopProcess(silo.child);
      await stopProcess(redis.child);
    },
  };
}
