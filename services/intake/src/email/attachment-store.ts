import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where attachment bytes go; events carry only the reference. */
export interface AttachmentStore {
  /** Stores the bytes and returns their URI; the same bytes of a tenant always get the same URI. */
  put(tenantId: string, content: Buffer): Promise<string>;
}

/**
 * Content-addressed files under a directory (the embedded runtime's data dir). A distributed
 * deployment needs a shared volume here until an object-storage adapter exists.
 */
export class FileAttachmentStore implements AttachmentStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(tenantId: string, content: Buffer): Promise<string> {
    const digest = createHash('sha256').update(content).digest('hex');
    const dir = join(this.root, encodeURIComponent(tenantId), digest.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const path = join(dir, digest);
    await writeFile(path, content, { flag: 'w' });
    return pathToFileURL(path).href;
  }
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');
