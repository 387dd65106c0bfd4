import type { IncomingMessage, ServerResponse } from 'node:http';
import { v7 as uuidv7 } from 'uuid';
import type { Params } from 'nestjs-pino';
import type { PlatformConfig } from '../config/config';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Structured JSON logs; every request line carries its correlation id (taken from the caller or made). */
export function loggerParams(config: Pick<PlatformConfig, 'logLevel'>): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const given = request.headers[CORRELATION_HEADER];
        const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : uuidv7();
        response.setHeader(CORRELATION_HEADER, id);
        return id;
      },
      customProps: (request: IncomingMessage) => ({ correlationId: (request as IncomingMessage & { id?: string }).id }),
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
      autoLogging: { ignore: (request: IncomingMessage) => request.url === '/metrics' || (request.url ?? '').startsWith('/health') },
    },
  };
}
