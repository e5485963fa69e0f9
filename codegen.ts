/**
 * GraphQL Code Generator (`npm run codegen`): typed documents generated from the committed SDL
 * (schema/schema.graphql), both committed:
 * - test/documents/*.graphql → test/gql/ (DocumentNode ASTs, for the tests);
 * - web/src/operations/*.graphql → web/src/gql/ (documents as strings, so the dashboard sends them over fetch and
 *   graphql-ws without bundling graphql-js).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const typesConfig = {
  enumsAsTypes: true,
  useTypeImports: true,
  scalars: { DateTime: 'string', ID: 'string' },
};

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'test/gql/': {
      documents: ['test/documents/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: typesConfig,
    },
    'web/src/gql/': {
      documents: ['web/src/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { ...typesConfig, documentMode: 'string' },
    },
  },
};

export default config;
