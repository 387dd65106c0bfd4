import { credentials, loadPackageDefinition, Metadata, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '@ticketing/contracts';

export type GrpcCall = <T>(method: string, body: object, key: string) => Promise<T>;

/** A client of one of intake.proto's services, authenticated per call by API key (as a caller would). */
export function intakeGrpcClient(address: string, service: string): { call: GrpcCall; close(): void } {
  const definition = loadSync([protoPath('intake')], { keepCase: false, longs: String, enums: String, defaults: true, arrays: true });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const client = new (loadPackageDefinition(definition) as any).ticketing.intake.v1[service](address, credentials.createInsecure());
  const call: GrpcCall = (method, body, key) =>
    new Promise((resolve, reject) => {
      const metadata = new Metadata();
      metadata.set('x-api-key', key);
      client[method](body, metadata, (error: ServiceError | null, response: never) => (error ? reject(error) : resolve(response)));
    });
  return { call, close: () => client.close() };
}
