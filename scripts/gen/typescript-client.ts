import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { generatedNotice, type GeneratedFile } from './generated-file.ts';

export const typescriptClientSchemaPath = 'clients/typescript/schema.d.ts';

/**
 * The typed client's declarations (`paths`, `components`, `operations`) from the contract that
 * `gen` has just rendered, so the client can never describe another API than the one served.
 * `openapi-fetch` reads these types; nothing here runs at request time.
 */
export const renderTypescriptClient = async (openapi: GeneratedFile): Promise<GeneratedFile> => {
  const ast = await openapiTS(parse(openapi.content) as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
    // Errors are problem+json everywhere: keep their status codes distinct in the response types.
    defaultNonNullable: true,
  });
  return { path: typescriptClientSchemaPath, content: `// ${generatedNotice}\n${astToString(ast)}` };
};
