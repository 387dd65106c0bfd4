import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SELF_SERVICE_PORT, type SelfServiceAnswer, type SelfServicePort } from '@ticketing/contracts';

/** When knowledge is not deployed: never an answer, so every ticket goes straight on to routing. */
export class NoSelfService implements SelfServicePort {
  async answer(): Promise<SelfServiceAnswer | null> {
    return null;
  }
}

/**
 * In one process (embedded runtime, or a pod running intake and knowledge together) the call goes
 * straight to whatever the knowledge module provides under SELF_SERVICE_PORT; looked up lazily and
 * non-strictly because intake must not import knowledge. Without a provider it behaves like
 * NoSelfService. A failing knowledge call must not block the ticket: it counts as "no answer".
 */
@Injectable()
export class InProcessSelfService implements SelfServicePort {
  private readonly logger = new Logger(InProcessSelfService.name);
  private readonly fallback = new NoSelfService();

  constructor(private readonly modules: ModuleRef) {}

  private resolve(): SelfServicePort {
    try {
      const provided = this.modules.get<SelfServicePort>(SELF_SERVICE_PORT, { strict: false });
      return provided && provided !== this ? provided : this.fallback;
    } catch {
      return this.fallback;
    }
  }

  async answer(tenantId: string, text: string, locale: string): Promise<SelfServiceAnswer | null> {
    try {
      return await this.resolve().answer(tenantId, text, locale);
    } catch (error) {
      this.logger.warn(`self-service answer failed, going on without one: ${(error as Error).message}`);
      return null;
    }
  }
}
