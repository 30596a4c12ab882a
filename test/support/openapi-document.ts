// The published OpenAPI document (/api/openapi.json) as a judge of answers: one Ajv over the whole
// document, each response schema looked up by its JSON pointer. The contract test holds real
// answers to it; the API fuzz holds every 4xx answer to it.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export interface PublishedResponse {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}
export interface PublishedOperation {
  responses: Record<string, PublishedResponse>;
  [k: string]: unknown;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, PublishedOperation>>;
  components?: { schemas?: Record<string, Record<string, unknown>> };
}

export interface PublishedDocument {
  doc: OpenApiDocument;
  /** The operation of a method and path template (`/api/v1/declarations/{id}`), or null when the document has none. */
  operation(method: string, template: string): PublishedOperation | null;
  /** The validator of the JSON body the operation publishes for a status, or null when it publishes none. */
  jsonSchemaOf(method: string, template: string, status: number): ValidateFunction | null;
  /** The validator of a named component (`Error`). */
  component(name: string): ValidateFunction;
  errorsText(validate: ValidateFunction): string;
}

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function publishedDocument(doc: OpenApiDocument): PublishedDocument {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema(doc, 'openapi');
  const operation = (method: string, template: string) => doc.paths[template]?.[method.toLowerCase()] ?? null;
  return {
    doc,
    operation,
    jsonSchemaOf(method, template, status) {
      if (!operation(method, template)?.responses[String(status)]?.content?.['application/json']?.schema) return null;
      return ajv.getSchema(`openapi#/paths/${pointer(template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`) ?? null;
    },
    component(name) {
      return ajv.getSchema(`openapi#/components/schemas/${pointer(name)}`)!;
    },
    errorsText(validate) {
      return ajv.errorsText(validate.errors, { separator: '\n' });
    },
  };
}
