import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

// Layer rules are enforced here, not by discipline:
// - a service may not import another service (only ticketctl composes them);
// - libs/contracts and libs/ticket are pure domain: they import no infrastructure lib.
export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/jest.config.js', 'jest.preset.js', '**/bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              // The domain stays pure: no database, broker, framework or transport code.
              bannedExternalImports: ['pg', 'typeorm', 'kafkajs', '@electric-sql/*', '@eventstore/*', '@nestjs/*', 'express', '@grpc/*'],
            },
            { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:domain', 'type:infrastructure'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:domain', 'type:infrastructure'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain', 'type:infrastructure', 'type:platform'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:infrastructure', 'type:platform', 'type:service'] },
          ],
        },
      ],
    },
  },
];
