/**
 * GraphQL Code Generator (`npm run codegen`): typed documents for the operations the tests send, generated from
 * the committed SDL (schema/schema.graphql) and test/documents/*.graphql into test/gql/ (committed).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/documents/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', ID: 'string' },
      },
    },
  },
};

export default config;
