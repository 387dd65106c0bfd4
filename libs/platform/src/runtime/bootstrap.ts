import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { runProjection } from '../projections/projection-runner';
import { createValidationPipe } from '../errors/validation';
import { PlatformModule, type PlatformRuntime } from './platform.module';
import type { ServiceDescriptor } from './service-descriptor';

export interface RunningApp {
  app: INestApplication;
  httpUrl: string;
  grpcAddress: string;
  close(): Promise<void>;
}

/**
 * Starts the given services in one Nest application: one HTTP port (REST, OpenAPI at /docs,
 * health, metrics) and one gRPC port (every service's package + grpc.health.v1 + reflection).
 * Embedded mode passes all five services; a distributed pod passes one.
 */
export async function startApp(runtime: PlatformRuntime, services: ServiceDescriptor[]): Promise<RunningApp> {
  @Module({ imports: [PlatformModule.forRoot(runtime), ...services.map((s) => s.module)] })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle(`Ticketing platform: ${services.map((s) => s.name).join(', ')}`)
    .setDescription('Event-sourced customer-service platform. Errors are RFC 9457 problem+json.')
    .setVersion('0.1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'apiKey')
    .addBearerAuth()
    .addSecurityRequirements('apiKey')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs-json' });

  const grpcPackages = services.flatMap((s) => (s.grpc ? [s.grpc] : []));
  const grpcAddress = `0.0.0.0:${runtime.config.grpcPort}`;
  // A process without gRPC packages (the relay) serves HTTP only.
  if (grpcPackages.length > 0) {
    const health = new HealthImplementation({ '': 'SERVING', ...Object.fromEntries(grpcPackages.map((g) => [g.packageName, 'SERVING'])) });
    app.connectMicroservice<MicroserviceOptions>(
      {
        transport: Transport.GRPC,
        options: {
          url: grpcAddress,
          package: grpcPackages.map((g) => g.packageName),
          protoPath: grpcPackages.map((g) => g.protoPath),
          // defaults:false leaves unset proto3 fields undefined, so optional-field validation sees "absent", not "".
          loader: { keepCase: false, longs: String, enums: String, defaults: false, arrays: true, oneofs: true },
          onLoadPackageDefinition: (definition, server) => {
            new ReflectionService(definition).addToServer(server);
            health.addToServer(server);
          },
        },
      },
      { inheritAppConfig: true },
    );
  }
  await app.init();
  // Read models follow the bus in their own consumer groups (exactly-once in effect via handleOnce).
  const dataSource = app.get(DataSource);
  const projections = await Promise.all(
    services.flatMap((s) => s.projections).map((projection) => runProjection(projection, runtime.bus, dataSource)),
  );
  if (grpcPackages.length > 0) await app.startAllMicroservices();
  await app.listen(runtime.config.httpPort, '0.0.0.0');
  const address = app.getHttpServer().address();
  const httpPort = typeof address === 'object' && address ? address.port : runtime.config.httpPort;
  return {
    app,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    grpcAddress: grpcPackages.length > 0 ? grpcAddress : '',
    close: async () => {
      await Promise.all(projections.map((p) => p.stop()));
      await app.close();
    },
  };
}
