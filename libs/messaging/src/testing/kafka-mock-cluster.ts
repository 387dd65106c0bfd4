import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** A librdkafka mock cluster (a real Kafka-protocol broker set) living in a kcat child process. */
export interface KafkaMockCluster {
  brokers: string[];
  pid: number;
  /** Kills the whole process group and waits for it to exit: a broker outage, or teardown. */
  stop(): Promise<void>;
}

export function kcatAvailable(): boolean {
  const probe = spawnSync('kcat', ['-V'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

// `-d mock` prints "bootstrap.servers=..."; without it the notice line says "replaced with ...".
const BOOTSTRAP = /(?:bootstrap\.servers=|replaced with )([0-9.:,]+[0-9])\s/;

/**
 * Starts `kcat -C -b unused:9092 -t warmup -X test.mock.num.brokers=N -o beginning` and reads the
 * mock's bootstrap servers from its log. `debug` adds `-d mock` (a line per request: useful when
 * diagnosing, but it costs CPU the tests need). The mock keeps nothing on disk: a new cluster is
 * empty and on new ports.
 */
export async function startKafkaMockCluster({ brokers = 3, timeoutMs = 10_000, debug = false } = {}): Promise<KafkaMockCluster> {
  const args = ['-C', '-b', 'unused:9092', '-t', 'warmup', '-X', `test.mock.num.brokers=${brokers}`, '-o', 'beginning'];
  if (debug) args.push('-d', 'mock');
  // Own process group (detached), so stop() can kill kcat and anything it spawned in one go.
  const child = spawn('kcat', args, {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  // A test runner that exits without teardown must not leave brokers behind.
  process.once('exit', killGroup);

  let bootstrap: string;
  try {
    bootstrap = await readBootstrap(child, timeoutMs);
  } catch (error) {
    killGroup();
    process.removeListener('exit', killGroup);
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    brokers: bootstrap.split(','),
    pid: child.pid!,
    stop: () =>
      (stopping ??= (async () => {
        killGroup();
        await exited;
        process.removeListener('exit', killGroup);
      })()),
  };
}

function readBootstrap(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => fail(new Error(`kcat printed no bootstrap.servers within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const match = BOOTSTRAP.exec(buffered);
      if (match) {
        clearTimeout(timer);
        buffered = '';
        // Keep draining the debug log without storing it: a full pipe would stall the brokers.
        child.stderr!.removeListener('data', onData);
        child.stderr!.on('data', () => undefined);
        resolve(match[1]);
      } else if (buffered.length > 1_000_000) {
        buffered = buffered.slice(-10_000);
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.stderr!.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`kcat exited (code ${code}) before the mock cluster was up`)));
  });
}
