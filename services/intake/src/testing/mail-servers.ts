import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort } from '@ticketing/eventstore/testing';

/*
 * Real mail servers from Debian's packages, started and stopped by the tests themselves on
 * loopback, in temporary directories, without touching the system's configuration:
 *   - IMAP: Dovecot (`dovecot-imapd`), a temp dovecot.conf, passwd-file auth, a temp Maildir.
 *   - SMTP: aiosmtpd (`python3-aiosmtpd`), a small standards-complete SMTP server that writes every
 *     accepted message into a Maildir the test reads back. Postfix or OpenSMTPD would need root,
 *     system users and a spool; aiosmtpd runs as any user on any port.
 */

const DOVECOT = '/usr/sbin/dovecot';
const PYTHONS = ['/usr/bin/python3', 'python3'];

export function aiosmtpdPython(): string | null {
  for (const python of PYTHONS) {
    const probe = spawnSync(python, ['-c', 'import aiosmtpd'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

export const dovecotAvailable = (): boolean => existsSync(DOVECOT);

export interface SmtpSink {
  url: string;
  /** Raw messages accepted so far. */
  messages(): Buffer[];
  stop(): Promise<void>;
}

export async function startSmtpSink(python: string): Promise<SmtpSink> {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-sink-'));
  const port = await freePort();
  const child = spawn(python, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', join(dir, 'Maildir')], { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () => {
      const fresh = join(dir, 'Maildir', 'new');
      return existsSync(fresh) ? readdirSync(fresh).sort().map((f) => readFileSync(join(fresh, f))) : [];
    },
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ImapServer {
  url: string;
  /** Drops a raw message into the user's INBOX, as a mail server's delivery would. */
  deliver(raw: Buffer | string): void;
  stop(): Promise<void>;
}

export async function startDovecot(user = 'support@acme.example', password = 'imap-secret'): Promise<ImapServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dovecot-'));
  const port = await freePort();
  // As root Dovecot refuses uid 0 for mail: the mailbox belongs to nobody. Otherwise to us.
  const root = process.getuid?.() === 0;
  const me = userInfo();
  const [uid, gid, internal, group] = root ? [65534, 65534, 'nobody', 'nogroup'] : [me.uid, me.gid, me.username, me.username];
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  const conf = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_internal_group = ${group}
default_login_user = ${internal}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  writeFileSync(join(dir, 'dovecot.conf'), conf);
  const maildir = join(dir, 'home', user, 'Maildir');
  for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  chmodSync(dir, 0o755);
  if (root) chownRecursive(join(dir, 'home'), uid, gid);
  const child = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await waitForPort(port, child);
  let delivered = 0;
  return {
    url: `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/INBOX`,
    deliver: (raw) => {
      const file = join(maildir, 'new', `${Date.now()}.M${delivered++}P${process.pid}.test`);
      writeFileSync(file, raw);
      if (root) chownSync(file, uid, gid);
    },
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function chownRecursive(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) chownRecursive(join(path, entry.name), uid, gid);
    else chownSync(join(path, entry.name), uid, gid);
  }
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const { connect } = await import('node:net');
  await eventually(
    () => {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      return new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    },
    { timeoutMs: 15_000, intervalMs: 50, description: `server on port ${port}` },
  );
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
